package mercato.platform.work;

import io.vertx.core.Future;
import java.util.function.Function;

/**
 * Steps run one after another, in order: the next starts when the previous succeeded, and
 * the first failure stops the sequence and is its result. For work that must not overlap,
 * such as statements on one connection or transaction, or locks taken in a fixed order.
 */
public final class Sequence {
  private Sequence() {}

  /** {@code step} applied to each item in turn; completes when the last one has. */
  public static <T> Future<Void> each(Iterable<T> items, Function<? super T, ? extends Future<?>> step) {
    Future<Void> chain = Future.succeededFuture();
    for (T item : items) {
      chain = chain.compose(v -> step.apply(item).mapEmpty());
    }
    return chain;
  }
}
