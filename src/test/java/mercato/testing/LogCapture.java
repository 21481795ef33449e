package mercato.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import mercato.platform.logs.LogEncoder;
import org.slf4j.LoggerFactory;

/**
 * The lines the root logger writes while open, through the console's own encoder set to
 * {@code json}: what an operator with {@code log.format: json} would read, as bytes.
 */
public final class LogCapture implements AutoCloseable {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
  private final Logger root;

  public LogCapture() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    LogEncoder encoder = new LogEncoder();
    encoder.setContext(context);
    encoder.setFormat("json");
    encoder.start();
    appender.setContext(context);
    appender.setName("capture-" + System.identityHashCode(this));
    appender.setEncoder(encoder);
    appender.setOutputStream(bytes);
    appender.start();
    root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(appender);
  }

  /** The text written so far, one JSON object per line. */
  public String text() {
    // Each line is one write, and the stream's methods are synchronized: no half line.
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** Every line so far, parsed (a line that is not JSON fails the caller). */
  public List<JsonObject> lines() {
    return text().lines().filter(line -> !line.isBlank()).map(JsonObject::new).toList();
  }

  /** The first line that matches, once one does (within ten seconds). */
  public JsonObject first(String what, Predicate<JsonObject> matches) {
    Await.until(what, Duration.ofSeconds(10), () -> lines().stream().anyMatch(matches));
    return lines().stream().filter(matches).findFirst().orElseThrow();
  }

  /** The first line of {@code logger} logged for the request {@code requestId}. */
  public JsonObject of(String logger, String requestId) {
    return first("a line of " + logger + " for request " + requestId, line -> logger.equals(line.getString("loggerName"))
        && requestId.equals(line.getJsonObject("mdc").getString("requestId")));
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    appender.stop();
  }
}
