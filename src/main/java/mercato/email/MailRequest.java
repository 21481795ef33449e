package mercato.email;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import mercato.platform.bus.Fields;
import mercato.platform.bus.Problem;
import mercato.platform.bus.Problem.FieldError;

/**
 * A request to send one mail, validated: recipients, and either a template (with a locale
 * and variables) or a subject with an HTML and/or a text body. The same rules hold for
 * the HTTP route (after the contract) and for internal callers on the bus, which no
 * contract checks.
 */
record MailRequest(List<String> to, String template, String locale, JsonObject variables, String subject,
    String html, String text) {

  static final int MAX_RECIPIENTS = 50;
  static final int MAX_SUBJECT = 998;
  static final int MAX_BODY = 262_144;
  static final int MAX_VARIABLES = 65_536;
  private static final Set<String> FIELDS = Set.of("to", "template", "locale", "variables", "subject", "html", "text");

  boolean templated() {
    return template != null;
  }

  /** A direct mail (no template). */
  static MailRequest direct(List<String> to, String subject, String html, String text) {
    return new MailRequest(to, null, null, null, subject, html, text);
  }

  /** A mail from a template. */
  static MailRequest templated(List<String> to, String template, String locale, JsonObject variables) {
    return new MailRequest(to, template, locale, variables, null, null, null);
  }

  /** Reads and checks a request body; every problem found is reported at once, with its pointer. */
  static MailRequest parse(JsonObject body) {
    List<FieldError> errors = new ArrayList<>(Fields.unexpected(body, "", FIELDS, "is not a field of this request"));
    List<String> to = recipients(body.getValue("to"), errors);
    String template = string(body, "template", Template.MAX_NAME, errors);
    if (template != null && !Template.NAME.matcher(template).matches()) {
      errors.add(new FieldError("/template", "must be lower-case words joined by hyphens"));
    }
    String localeText = string(body, "locale", 35, errors);
    String locale = Locales.normalize(localeText);
    if (localeText != null && locale == null) {
      errors.add(new FieldError("/locale", "must be a locale such as en or pt-BR"));
    }
    JsonObject variables = null;
    Object rawVariables = body.getValue("variables");
    if (rawVariables != null) {
      if (!(rawVariables instanceof JsonObject object)) {
        errors.add(new FieldError("/variables", "must be an object"));
      } else if (object.encode().length() > MAX_VARIABLES) {
        errors.add(new FieldError("/variables", "must be at most " + MAX_VARIABLES + " characters as JSON"));
      } else {
        variables = object;
      }
    }
    String subject = string(body, "subject", MAX_SUBJECT, errors);
    String html = string(body, "html", MAX_BODY, errors);
    String text = string(body, "text", MAX_BODY, errors);
    if (template != null) {
      for (String field : List.of("subject", "html", "text")) {
        if (body.getValue(field) != null) {
          errors.add(new FieldError("/" + field, "must not be given with a template (the template has it)"));
        }
      }
    } else {
      if (body.getValue("subject") == null) {
        errors.add(new FieldError("/subject", "is required unless a template is given"));
      } else if (subject != null && subject.isBlank()) {
        errors.add(new FieldError("/subject", "must not be blank"));
      }
      if (body.getValue("html") == null && body.getValue("text") == null) {
        errors.add(new FieldError("/text", "a mail without a template needs an html or a text body"));
      }
      if (rawVariables != null) {
        errors.add(new FieldError("/variables", "are only used with a template"));
      }
      if (localeText != null) {
        errors.add(new FieldError("/locale", "is only used with a template"));
      }
    }
    if (!errors.isEmpty()) {
      throw Problem.validation("The mail request is not valid.", errors);
    }
    return new MailRequest(to, template, locale, variables == null ? new JsonObject() : variables,
        TemplateRenderer.oneLine(subject), html, text);
  }

  /** One address or a list of them, deduplicated ignoring case, each checked. */
  static List<String> recipients(Object value, List<FieldError> errors) {
    if (value == null) {
      errors.add(new FieldError("/to", "is required"));
      return List.of();
    }
    List<Object> items;
    boolean list = value instanceof JsonArray;
    if (value instanceof String single) {
      items = List.of(single);
    } else if (value instanceof JsonArray array) {
      items = array.getList();
      if (array.isEmpty()) {
        errors.add(new FieldError("/to", "must name at least one recipient"));
      } else if (array.size() > MAX_RECIPIENTS) {
        errors.add(new FieldError("/to", "must name at most " + MAX_RECIPIENTS + " recipients"));
        return List.of();
      }
    } else {
      errors.add(new FieldError("/to", "must be an address or a list of addresses"));
      return List.of();
    }
    Map<String, String> unique = new LinkedHashMap<>();
    for (int i = 0; i < items.size(); i++) {
      String pointer = list ? "/to/" + i : "/to";
      if (!(items.get(i) instanceof String address)) {
        errors.add(new FieldError(pointer, "must be an address"));
        continue;
      }
      String trimmed = address.trim();
      if (!Addresses.isValid(trimmed)) {
        errors.add(new FieldError(pointer, "is not a valid email address"));
        continue;
      }
      unique.putIfAbsent(trimmed.toLowerCase(Locale.ROOT), trimmed);
    }
    return List.copyOf(unique.values());
  }

  private static String string(JsonObject body, String name, int max, List<FieldError> errors) {
    Object value = body.getValue(name);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String text)) {
      errors.add(new FieldError("/" + name, "must be a string"));
      return null;
    }
    if (text.length() > max) {
      errors.add(new FieldError("/" + name, "must be at most " + max + " characters"));
      return null;
    }
    return text;
  }
}
