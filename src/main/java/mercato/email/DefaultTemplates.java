package mercato.email;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The templates Mercato ships, read from {@code email/templates/<name>.yaml} in the jar:
 * one mapping per locale with {@code subject}, {@code html} and {@code text}.
 * Classpath reads block: call from a worker.
 */
final class DefaultTemplates {
  static final List<String> NAMES = List.of(
      "verify-email", "password-reset", "welcome", "order-confirmation", "shipment", "refund");

  private DefaultTemplates() {}

  @SuppressWarnings("unchecked")
  static List<Template> load() {
    List<Template> out = new ArrayList<>();
    for (String name : NAMES) {
      String resource = "email/templates/" + name + ".yaml";
      Map<String, Object> locales;
      try (InputStream in = DefaultTemplates.class.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("the jar lacks " + resource);
        }
        locales = (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions()))
            .load(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      locales.forEach((tag, value) -> {
        Map<String, Object> parts = (Map<String, Object>) value;
        String locale = Locales.normalize(tag);
        if (locale == null || parts.get("subject") == null || (parts.get("html") == null && parts.get("text") == null)) {
          throw new IllegalStateException(resource + ": locale " + tag + " needs a subject and a body");
        }
        out.add(new Template(name, locale, (String) parts.get("subject"), (String) parts.get("html"),
            (String) parts.get("text"), false, null, null));
      });
    }
    return out;
  }
}
