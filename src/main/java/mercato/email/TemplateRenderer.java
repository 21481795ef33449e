package mercato.email;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.reflect.ReflectionObjectHandler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.reflect.AccessibleObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mercato.platform.bus.Problem;

/**
 * Renders templates with Mustache. Variables are HTML-escaped in the HTML body; in the
 * subject and the text body they are written as they are (no entities in a plain-text
 * mail), and the subject is kept to one line (CR and LF become spaces) so no variable can
 * add a header. Templates see data only: map keys and list items, never Java methods, and
 * partials ({@code {{> file}}}) are refused, so a template cannot read files.
 */
final class TemplateRenderer {
  /** Rendered bodies larger than this are refused (a template looping over big lists). */
  static final int MAX_RENDERED = 1 << 20;
  private static final int CACHE_SIZE = 256;

  private final DefaultMustacheFactory html = factory(true);
  private final DefaultMustacheFactory plain = factory(false);
  private final Map<String, Mustache> htmlCache = lru();
  private final Map<String, Mustache> plainCache = lru();

  /** Renders {@code template} with {@code variables}; a failure is a 400 problem. */
  RenderedMail render(Template template, JsonObject variables) {
    Map<String, Object> scope = plainMap(variables == null ? new JsonObject() : variables);
    String subject = oneLine(execute(plain, plainCache, template.subject(), scope, "/subject"));
    String htmlBody = template.html() == null ? null : execute(html, htmlCache, template.html(), scope, "/html");
    String textBody = template.text() == null ? null : execute(plain, plainCache, template.text(), scope, "/text");
    if ((htmlBody != null && htmlBody.length() > MAX_RENDERED) || (textBody != null && textBody.length() > MAX_RENDERED)) {
      throw Problem.invalidField("/variables", "render a mail body larger than " + MAX_RENDERED + " characters");
    }
    return new RenderedMail(subject, htmlBody, textBody);
  }

  /** Fails with a 400 problem at {@code pointer} when {@code source} is not a usable template. */
  void check(String source, String pointer) {
    compile(plain, plainCache, source, pointer);
  }

  /** A subject on one line: CR/LF runs become one space, the ends are trimmed. */
  static String oneLine(String text) {
    return text == null ? null : text.replaceAll("[\\r\\n]+", " ").strip();
  }

  private static String execute(DefaultMustacheFactory factory, Map<String, Mustache> cache, String source,
      Map<String, Object> scope, String pointer) {
    Mustache mustache = compile(factory, cache, source, pointer);
    StringWriter out = new StringWriter(source.length() + 256);
    try {
      mustache.execute(out, scope).flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (MustacheException e) {
      throw Problem.invalidField(pointer, "cannot be rendered: " + firstLine(e.getMessage()));
    }
    return out.toString();
  }

  private static Mustache compile(DefaultMustacheFactory factory, Map<String, Mustache> cache, String source,
      String pointer) {
    Mustache cached = cache.get(source);
    if (cached != null) {
      return cached;
    }
    Mustache compiled;
    try {
      compiled = factory.compile(new StringReader(source), "template");
    } catch (MustacheException e) {
      throw Problem.invalidField(pointer, "is not a valid Mustache template: " + firstLine(e.getMessage()));
    }
    cache.put(source, compiled);
    return compiled;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "syntax error";
    }
    String line = message.lines().findFirst().orElse(message);
    return line.length() > 200 ? line.substring(0, 200) : line;
  }

  private static DefaultMustacheFactory factory(boolean escapeHtml) {
    // The resolver finds nothing: a partial fails to compile instead of reading a file.
    DefaultMustacheFactory factory = escapeHtml
        ? new DefaultMustacheFactory(name -> null)
        : new DefaultMustacheFactory(name -> null) {
            @Override
            public void encode(String value, Writer writer) {
              try {
                writer.write(value);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            }
          };
    factory.setObjectHandler(new DataOnly());
    return factory;
  }

  /** Resolves names in maps only: no getters, fields or methods of Java objects. */
  private static final class DataOnly extends ReflectionObjectHandler {
    @Override
    protected AccessibleObject findMember(Class sClass, String name) {
      return null;
    }
  }

  /** JSON trees as plain maps and lists, which Mustache walks (a JsonObject would look like a list). */
  private static Map<String, Object> plainMap(JsonObject json) {
    Map<String, Object> map = new LinkedHashMap<>();
    json.forEach(entry -> map.put(entry.getKey(), plain(entry.getValue())));
    return map;
  }

  private static Object plain(Object value) {
    if (value instanceof JsonObject object) {
      return plainMap(object);
    }
    if (value instanceof JsonArray array) {
      List<Object> list = new ArrayList<>(array.size());
      array.forEach(item -> list.add(plain(item)));
      return list;
    }
    return value;
  }

  private static <V> Map<String, V> lru() {
    return new LinkedHashMap<>(64, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
        return size() > CACHE_SIZE;
      }
    };
  }
}
