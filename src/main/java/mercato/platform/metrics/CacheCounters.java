package mercato.platform.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Hits and misses of one cache, as {@code mercato_cache_requests_total{cache, result}}
 * (result {@code hit} or {@code miss}); the hit ratio is hits over both. The counters are
 * resolved once, so counting a lookup is one add, with nothing allocated.
 */
public final class CacheCounters {
  public static final String NAME = "mercato.cache.requests";

  private final Counter hits;
  private final Counter misses;

  private CacheCounters(Counter hits, Counter misses) {
    this.hits = hits;
    this.misses = misses;
  }

  /** {@code cache} names the cache, starting with its owner's word ({@code catalog-product}). */
  public static CacheCounters of(MeterRegistry registry, String cache) {
    return new CacheCounters(counter(registry, cache, "hit"), counter(registry, cache, "miss"));
  }

  private static Counter counter(MeterRegistry registry, String cache, String result) {
    return Counter.builder(NAME).description("Cache lookups, by cache and whether the value was there")
        .tag("cache", cache).tag("result", result).register(registry);
  }

  public void hit() {
    hits.increment();
  }

  public void miss() {
    misses.increment();
  }

  /** Counts {@code hit} lookups as hits and {@code missed} as misses (a batch lookup). */
  public void counted(int hit, int missed) {
    if (hit > 0) {
      hits.increment(hit);
    }
    if (missed > 0) {
      misses.increment(missed);
    }
  }
}
