package mercato.platform.logs;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import java.util.List;

/**
 * The encoder of Mercato's console appender: {@code text} lines of {@link #setPattern
 * pattern}, or {@code json} lines ({@link JsonLines}). One appender with a switchable
 * encoder rather than two appenders picked by name: logback warns at every start about an
 * appender no logger refers to. {@code log.format} switches it at boot ({@link LogFormat}).
 */
public final class LogEncoder extends EncoderBase<ILoggingEvent> {
  public static final List<String> FORMATS = List.of("text", "json");

  private String format = "text";
  private String pattern = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{24} - %msg%n";
  private volatile Encoder<ILoggingEvent> delegate;

  public void setFormat(String format) {
    this.format = format == null ? "text" : format.trim();
  }

  public void setPattern(String pattern) {
    this.pattern = pattern;
  }

  public String format() {
    return format;
  }

  @Override
  public void start() {
    if (!FORMATS.contains(format)) {
      addError("log format \"" + format + "\" is neither text nor json; writing text");
      format = "text";
    }
    delegate = make(format);
    super.start();
  }

  /** Writes {@code format} from the next line on (the configuration may name another than logback.xml did). */
  public void switchTo(String format) {
    if (!FORMATS.contains(format)) {
      throw new IllegalArgumentException("unknown log format " + format);
    }
    if (!format.equals(this.format) || delegate == null) {
      Encoder<ILoggingEvent> previous = delegate;
      this.format = format;
      delegate = make(format);
      if (previous != null) {
        previous.stop();
      }
    }
  }

  @Override
  public void stop() {
    Encoder<ILoggingEvent> current = delegate;
    if (current != null) {
      current.stop();
    }
    super.stop();
  }

  private Encoder<ILoggingEvent> make(String format) {
    Encoder<ILoggingEvent> encoder;
    if (format.equals("json")) {
      encoder = new JsonLines();
    } else {
      PatternLayoutEncoder text = new PatternLayoutEncoder();
      text.setPattern(pattern);
      encoder = text;
    }
    encoder.setContext(getContext());
    encoder.start();
    return encoder;
  }

  @Override
  public byte[] headerBytes() {
    return delegate.headerBytes();
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    return delegate.encode(event);
  }

  @Override
  public byte[] footerBytes() {
    return delegate.footerBytes();
  }
}
