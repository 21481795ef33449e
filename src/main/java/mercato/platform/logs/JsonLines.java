package mercato.platform.logs;

import ch.qos.logback.classic.encoder.JsonEncoder;

/**
 * Logback's own JSON encoder with the fields an operator reads: one object per line with
 * {@code timestamp} (epoch ms), {@code level}, {@code threadName}, {@code loggerName},
 * {@code mdc} (the request id, and the trace and span ids when tracing is on), the
 * formatted text under {@code formattedMessage}, and {@code throwable} when there is one.
 * Left out: sequence numbers, nanoseconds, the logger context, and the unformatted
 * message with its arguments (they would repeat the text).
 */
public final class JsonLines extends JsonEncoder {
  public JsonLines() {
    setWithSequenceNumber(false);
    setWithNanoseconds(false);
    setWithContext(false);
    setWithMessage(false);
    setWithArguments(false);
    setWithFormattedMessage(true);
  }
}
