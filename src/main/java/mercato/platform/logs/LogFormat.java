package mercato.platform.logs;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import java.util.Iterator;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code log.format} at boot. logback.xml reads {@code MERCATO_LOG_FORMAT} itself
 * (so the very first lines are right); the configuration file can also name the format,
 * and the loaded configuration is only known after logback started, so the console
 * encoder is switched here.
 */
public final class LogFormat {
  private LogFormat() {}

  /** Switches every Mercato console encoder on the root logger; false when none is found (a custom logback file). */
  public static boolean use(String format) {
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (!(factory instanceof LoggerContext context)) {
      return false;
    }
    boolean found = false;
    Iterator<Appender<ch.qos.logback.classic.spi.ILoggingEvent>> appenders =
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).iteratorForAppenders();
    while (appenders.hasNext()) {
      if (appenders.next() instanceof OutputStreamAppender<?> stream && stream.getEncoder() instanceof LogEncoder encoder) {
        encoder.switchTo(format);
        found = true;
      }
    }
    return found;
  }
}
