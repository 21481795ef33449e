package mercato.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import mercato.DomainsAccess;
import mercato.notification.api.WebhookEventTypes;
import org.junit.jupiter.api.Test;

/**
 * The list an endpoint subscribes from is every event type the domains write, less the
 * private ones: a new event type that is not added fails here, and so does a private one
 * that is.
 */
class WebhookEventTypesTest {

  @Test
  void everyPublicEventTypeIsListedAndNoPrivateOne() throws Exception {
    Set<String> privateTypes = new TreeSet<>();
    DomainsAccess.all().forEach(domain -> privateTypes.addAll(domain.privateEvents()));
    Set<String> written = new TreeSet<>();
    for (String className : eventClasses()) {
      String domain = className.split("\\.")[1];
      for (Field field : Class.forName(className).getDeclaredFields()) {
        int mods = field.getModifiers();
        if (Modifier.isStatic(mods) && Modifier.isPublic(mods) && field.getType() == String.class) {
          String type = (String) field.get(null);
          if (type.startsWith("mercato." + domain + ".") && type.matches("mercato\\.[a-z]+\\.[a-z-]+\\.v\\d+")) {
            written.add(type);
          }
        }
      }
    }
    assertThat(written).isNotEmpty();
    Set<String> expected = new TreeSet<>(written);
    expected.removeAll(privateTypes);
    assertThat(new TreeSet<>(WebhookEventTypes.ALL)).isEqualTo(expected);
    assertThat(WebhookEventTypes.ALL).doesNotHaveDuplicates();
  }

  private static List<String> eventClasses() throws IOException {
    try (Stream<Path> files = Files.walk(Path.of("src/main/java/mercato"))) {
      return files.map(Path::toString)
          .filter(p -> p.matches(".*/mercato/[a-z]+/api/[A-Za-z]+Events\\.java"))
          .map(p -> p.substring(p.indexOf("mercato/")).replace('/', '.').replace(".java", ""))
          .toList();
    }
  }
}
