package mercato.platform.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import mercato.platform.config.ConfigException;
import mercato.platform.config.ConfigLoader;
import mercato.platform.config.MercatoConfig;
import org.junit.jupiter.api.Test;

/** The console encoder's two formats, the switch between them, and the key that picks one. */
class LogEncoderTest {
  private final LoggerContext context = new LoggerContext();

  private LoggingEvent event(String message, Object... args) {
    LoggingEvent event = new LoggingEvent("x", context.getLogger("mercato.sample"), Level.WARN, message, null, args);
    event.setMDCPropertyMap(Map.of("requestId", "r-1"));
    return event;
  }

  private String encode(LogEncoder encoder, LoggingEvent event) {
    return new String(encoder.encode(event), StandardCharsets.UTF_8);
  }

  @Test
  void jsonIsOneObjectPerLineWithTheFormattedTextAndTheMdc() {
    LogEncoder encoder = new LogEncoder();
    encoder.setContext(context);
    encoder.setFormat("json");
    encoder.start();
    String line = encode(encoder, event("order {} is \"late\"\n{}", 42, "again"));
    assertThat(line).endsWith("}\n").doesNotContain("\n{").hasLineCount(1);
    JsonObject json = new JsonObject(line);
    assertThat(json.getString("level")).isEqualTo("WARN");
    assertThat(json.getString("loggerName")).isEqualTo("mercato.sample");
    assertThat(json.getString("formattedMessage")).isEqualTo("order 42 is \"late\"\nagain");
    assertThat(json.getJsonObject("mdc").getString("requestId")).isEqualTo("r-1");
    assertThat(json.fieldNames()).doesNotContain("message", "arguments", "sequenceNumber", "context");
  }

  @Test
  void textFollowsThePatternAndSwitchesToJson() {
    LogEncoder encoder = new LogEncoder();
    encoder.setContext(context);
    encoder.setPattern("%level %X{requestId} %msg%n");
    encoder.start();
    assertThat(encode(encoder, event("hello {}", "you"))).isEqualTo("WARN r-1 hello you" + System.lineSeparator());
    encoder.switchTo("json");
    assertThat(new JsonObject(encode(encoder, event("hello"))).getString("formattedMessage")).isEqualTo("hello");
    assertThatThrownBy(() -> encoder.switchTo("xml")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anUnknownFormatFromTheEnvironmentWritesText() {
    LogEncoder encoder = new LogEncoder();
    encoder.setContext(context);
    encoder.setFormat("JSONL");
    encoder.setPattern("%msg");
    encoder.start();
    assertThat(encoder.format()).isEqualTo("text");
    assertThat(encode(encoder, event("plain"))).isEqualTo("plain");
  }

  @Test
  void theConfigurationKeyTakesTextOrJson() {
    MercatoConfig json = MercatoConfig.read(ConfigLoader.load(null, new Properties(), Map.of("MERCATO_LOG_FORMAT", "json")));
    assertThat(json.log().format()).isEqualTo("json");
    assertThat(MercatoConfig.read(ConfigLoader.load(null, new Properties(), Map.of())).log().format()).isEqualTo("text");
    assertThatThrownBy(() -> MercatoConfig.read(ConfigLoader.load(null, new Properties(), Map.of("MERCATO_LOG_FORMAT", "xml"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("'log.format'").hasMessageContaining("xml");
  }
}
