package mercato.platform.logs;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import org.slf4j.MDC;
import org.slf4j.Marker;

/**
 * Puts the request id of the current Vert.x context ({@link RequestContext}) into the MDC
 * at each log call, on the calling thread, just before logback makes the event: a value
 * set once at the start of a request would be another request's after the first async hop.
 * With tracing on, the current span's trace and span ids go with it (OpenTelemetry keeps
 * the span in the same Vert.x context). Text lines show them with {@code %X{requestId}},
 * JSON lines in their {@code mdc} object. Calls below the logger's level (and
 * {@code isDebugEnabled()} checks) only compare levels: about 10 ns more per call here, and
 * about 150 ns more per line written (the MDC map logback copies).
 */
public final class ContextMdc extends TurboFilter {
  public static final String REQUEST_ID = "requestId";
  public static final String TRACE_ID = "traceId";
  public static final String SPAN_ID = "spanId";

  /** Set once a node installs a tracer: until then no line asks OpenTelemetry for a span. */
  private static volatile boolean traceIds;

  public static void withTraceIds() {
    traceIds = true;
  }

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (format != null && level != null && level.isGreaterOrEqual(logger.getEffectiveLevel())) {
      sync(REQUEST_ID, RequestContext.requestId());
      if (traceIds) {
        SpanContext span = Span.current().getSpanContext();
        boolean valid = span.isValid();
        sync(TRACE_ID, valid ? span.getTraceId() : null);
        sync(SPAN_ID, valid ? span.getSpanId() : null);
      }
    }
    return FilterReply.NEUTRAL;
  }

  /** Writes only on change: a put or remove makes logback copy the thread's MDC map again. */
  static void sync(String key, String value) {
    String current = MDC.get(key);
    if (value == null) {
      if (current != null) {
        MDC.remove(key);
      }
    } else if (!value.equals(current)) {
      MDC.put(key, value);
    }
  }
}
