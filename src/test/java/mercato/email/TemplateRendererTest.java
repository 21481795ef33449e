package mercato.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import mercato.platform.bus.Problem;
import org.junit.jupiter.api.Test;

/** Rendering rules, without Vert.x or a database. */
class TemplateRendererTest {
  final TemplateRenderer renderer = new TemplateRenderer();

  static Template template(String subject, String html, String text) {
    return new Template("t", "en", subject, html, text, false, null, null);
  }

  @Test
  void variablesAreEscapedInHtmlOnly() {
    RenderedMail mail = renderer.render(template("Hi {{name}}", "<p>Hi {{name}}</p>", "Hi {{name}}"),
        new JsonObject().put("name", "<b>\"Tom\" & 'Jerry'</b>"));
    assertThat(mail.html()).isEqualTo("<p>Hi &lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt;</p>");
    assertThat(mail.text()).isEqualTo("Hi <b>\"Tom\" & 'Jerry'</b>");
    assertThat(mail.subject()).isEqualTo("Hi <b>\"Tom\" & 'Jerry'</b>");
  }

  @Test
  void theSubjectStaysOnOneLineWhateverTheVariablesHold() {
    RenderedMail mail = renderer.render(template("Order {{id}}\n", null, "line one\n{{id}}\nline three"),
        new JsonObject().put("id", "42\r\nBcc: someone@example.com"));
    assertThat(mail.subject()).isEqualTo("Order 42 Bcc: someone@example.com");
    assertThat(mail.text()).isEqualTo("line one\n42\r\nBcc: someone@example.com\nline three");
    assertThat(mail.html()).isNull();
  }

  @Test
  void sectionsListsAndNestedValuesWork() {
    JsonObject variables = new JsonObject().put("order", new JsonObject().put("id", "A-1"))
        .put("items", new JsonArray().add(new JsonObject().put("product", "Tea").put("quantity", 2))
            .add(new JsonObject().put("product", "Cup").put("quantity", 1)));
    RenderedMail mail = renderer.render(template("{{order.id}}", null,
        "{{#items}}{{quantity}}x{{product}};{{/items}}{{^missing}}none{{/missing}}"), variables);
    assertThat(mail.subject()).isEqualTo("A-1");
    assertThat(mail.text()).isEqualTo("2xTea;1xCup;none");
  }

  @Test
  void templatesSeeDataButNoJavaMethods() {
    RenderedMail mail = renderer.render(template("[{{name.bytes}}][{{name.class}}][{{name.length}}]", null, "x"),
        new JsonObject().put("name", "abc"));
    assertThat(mail.subject()).isEqualTo("[][][]");
  }

  @Test
  void partialsAndBrokenTemplatesAreRefusedWithAPointer() {
    assertThatThrownBy(() -> renderer.check("{{> /etc/passwd}}", "/html"))
        .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.errors().get(0).pointer()).isEqualTo("/html"));
    assertThatThrownBy(() -> renderer.check("{{#open}} not closed", "/text"))
        .isInstanceOfSatisfying(Problem.class, p -> {
          assertThat(p.status()).isEqualTo(400);
          assertThat(p.errors().get(0).pointer()).isEqualTo("/text");
        });
    renderer.check("fine {{x}}", "/subject");
  }
}
