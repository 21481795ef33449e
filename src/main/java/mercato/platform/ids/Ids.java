package mercato.platform.ids;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Time-ordered UUIDs (version 7): index-friendly, unguessable in their random part. */
public final class Ids {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final AtomicLong LAST = new AtomicLong();

  private Ids() {}

  /**
   * A version 7 UUID. Within one process ids are strictly increasing (RFC 9562, 6.2 method 1:
   * the 12-bit rand_a field counts up within a millisecond), so rows listed by id keep the
   * order they were made in even when several are made in the same millisecond.
   */
  public static UUID uuid7() {
    long stamp = next();
    long millis = stamp >>> 12;
    long counter = stamp & 0xFFF;
    long msb = (millis << 16) | (0x7L << 12) | counter;
    long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb);
  }

  /** The next (millis << 12 | counter): the clock, or one more than the last when the clock has not moved on. */
  private static long next() {
    long now = System.currentTimeMillis() << 12 | RANDOM.nextInt(1 << 10);
    return LAST.accumulateAndGet(now, (last, candidate) -> candidate > last ? candidate : last + 1);
  }

  /** Parses a client-supplied id; null when it is not a UUID. */
  public static UUID parse(String text) {
    if (text == null || text.length() != 36) {
      return null;
    }
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
