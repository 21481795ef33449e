package mercato.platform.logs;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxBootstrap;
import io.vertx.core.spi.VertxServiceProvider;
import io.vertx.core.spi.context.storage.ContextLocal;

/**
 * The request id of the work the current Vert.x context does. Vert.x runs many requests on
 * one thread, but each HTTP request and each event-bus message gets its own duplicated
 * context, and every callback of that work (a bus reply, a PostgreSQL row set, a blocking
 * task) runs on it again: so the id is kept there, not in a thread-local.
 *
 * <p>A Vert.x service provider only so that the context local is registered before any
 * Vert.x instance exists (locals are sized when an instance is made).
 */
public final class RequestContext implements VertxServiceProvider {
  static final ContextLocal<String> REQUEST_ID = ContextLocal.registerLocal(String.class);

  @Override
  public void init(VertxBootstrap builder) {
    // Nothing to set up: loading the class registered the local.
  }

  /** Marks the current request's (duplicated) context with its id; outside one, does nothing. */
  public static void enter(String requestId) {
    Context context = Vertx.currentContext();
    if (context instanceof ContextInternal internal && internal.isDuplicate()) {
      try {
        internal.putLocal(REQUEST_ID, requestId);
      } catch (IllegalArgumentException madeBeforeRegistration) {
        // A Vert.x instance created before this class was loaded: its lines go without the id.
      }
    }
  }

  /** The id of the request the calling thread works for now, or null. */
  public static String requestId() {
    ContextInternal context = ContextInternal.current();
    if (context == null || !context.isDuplicate()) {
      return null;
    }
    try {
      return context.getLocal(REQUEST_ID);
    } catch (IllegalArgumentException madeBeforeRegistration) {
      // A Vert.x instance created before this class was loaded has no slot for the local.
      return null;
    }
  }
}
