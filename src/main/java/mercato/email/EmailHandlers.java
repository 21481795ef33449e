package mercato.email;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;
import mercato.platform.bus.Envelope;
import mercato.platform.bus.Outcome;
import mercato.platform.bus.Fields;
import mercato.platform.bus.Problem;
import mercato.platform.bus.Problem.FieldError;

/**
 * One method per bus operation. The edge lets only admins (or roles granted the email
 * permissions) through; an envelope without a principal is an internal caller.
 */
final class EmailHandlers {
  static final int DEFAULT_PAGE = 20;
  static final int MAX_TEMPLATE_SUBJECT = 2000;

  private final Pool pool;
  private final QueueEmail queue;
  private final EmailRepository emails;
  private final TemplateRepository templates;
  private final TemplateRenderer renderer;
  private final EmailConfig config;
  private final int maxPageSize;
  private final Runnable queued;

  EmailHandlers(Pool pool, QueueEmail queue, EmailRepository emails, TemplateRepository templates,
      TemplateRenderer renderer, EmailConfig config, int maxPageSize, Runnable queued) {
    this.pool = pool;
    this.queue = queue;
    this.emails = emails;
    this.templates = templates;
    this.renderer = renderer;
    this.config = config;
    this.maxPageSize = maxPageSize;
    this.queued = queued;
  }

  /** POST /email/send: 202 {id, status} once the mail is committed to the queue. */
  Future<?> sendEmail(Envelope envelope) {
    MailRequest request = MailRequest.parse(envelope.bodyObject());
    String key = envelope.idempotencyKey() == null || envelope.idempotencyKey().isBlank() ? null
        : (envelope.principal() == null ? "internal" : envelope.principal().sub()) + ":" + envelope.idempotencyKey();
    return queue.queue(pool, request, new QueueEmail.Origin(null, key, envelope.requestId()))
        .map(result -> {
          if (result.created()) {
            queued.run();
          }
          return result.toJson();
        });
  }

  /** GET /emails: newest first, filtered by status and recipient, one page after the cursor. */
  Future<?> listEmails(Envelope envelope) {
    List<FieldError> errors = new ArrayList<>();
    String status = envelope.queryParam("status");
    if (status != null && !status.matches(EmailRepository.STATUSES)) {
      errors.add(new FieldError("/status", "must be one of queued, retrying, sent, failed"));
    }
    String to = envelope.queryParam("to");
    if (to != null && (to.isBlank() || to.length() > Addresses.MAX_LENGTH)) {
      errors.add(new FieldError("/to", "must be an address"));
    }
    int limit = DEFAULT_PAGE;
    String limitText = envelope.queryParam("limit");
    if (limitText != null) {
      try {
        limit = Integer.parseInt(limitText);
        if (limit < 1 || limit > maxPageSize) {
          errors.add(new FieldError("/limit", "must be from 1 to " + maxPageSize));
        }
      } catch (NumberFormatException e) {
        errors.add(new FieldError("/limit", "must be a whole number"));
      }
    }
    if (!errors.isEmpty()) {
      throw Problem.validation("The query is not valid.", errors);
    }
    String cursorText = envelope.queryParam("cursor");
    LogCursor cursor = cursorText == null || cursorText.isEmpty() ? null : LogCursor.decode(cursorText);
    int pageSize = limit;
    return emails.list(pool, status, to == null ? null : to.trim(), cursor, pageSize + 1).map(entries -> {
      boolean more = entries.size() > pageSize;
      List<EmailEntry> page = more ? entries.subList(0, pageSize) : entries;
      JsonArray items = new JsonArray();
      page.forEach(entry -> items.add(entry.toJson()));
      return new JsonObject()
          .put("items", items)
          .put("nextCursor", more ? LogCursor.after(page.get(page.size() - 1)).encode() : null);
    });
  }

  /** POST /email/template: 201 when the template is new, 200 when it replaced one. */
  Future<?> saveTemplate(Envelope envelope) {
    JsonObject body = envelope.bodyObject();
    List<FieldError> errors = new ArrayList<>();
    errors.addAll(Fields.unexpected(body, "", List.of("name", "locale", "subject", "html", "text"),
        "is not a field of a template"));
    String name = string(body, "name", Template.MAX_NAME, true, errors);
    if (name != null && !Template.NAME.matcher(name).matches()) {
      errors.add(new FieldError("/name", "must be lower-case words joined by hyphens"));
    }
    String localeText = string(body, "locale", 35, false, errors);
    String locale = localeText == null ? config.defaultLocale() : Locales.normalize(localeText);
    if (locale == null) {
      errors.add(new FieldError("/locale", "must be a locale such as en or pt-BR"));
    }
    String subject = string(body, "subject", MAX_TEMPLATE_SUBJECT, true, errors);
    String html = string(body, "html", MailRequest.MAX_BODY, false, errors);
    String text = string(body, "text", MailRequest.MAX_BODY, false, errors);
    if (body.getValue("html") == null && body.getValue("text") == null) {
      errors.add(new FieldError("/text", "a template needs an html or a text body"));
    }
    check(subject, "/subject", errors);
    check(html, "/html", errors);
    check(text, "/text", errors);
    if (!errors.isEmpty()) {
      throw Problem.validation("The template is not valid.", errors);
    }
    return templates.save(pool, name, locale, subject, html, text)
        .map(saved -> saved.created() ? saved.template().toJson() : Outcome.existed(saved.template().toJson()));
  }

  private void check(String source, String pointer, List<FieldError> errors) {
    if (source == null) {
      return;
    }
    try {
      renderer.check(source, pointer);
    } catch (Problem invalid) {
      errors.addAll(invalid.errors());
    }
  }

  private static String string(JsonObject body, String name, int max, boolean required, List<FieldError> errors) {
    Object value = body.getValue(name);
    if (value == null) {
      if (required) {
        errors.add(new FieldError("/" + name, "is required"));
      }
      return null;
    }
    if (!(value instanceof String text) || text.isBlank()) {
      errors.add(new FieldError("/" + name, "must be a non-empty string"));
      return null;
    }
    if (text.length() > max) {
      errors.add(new FieldError("/" + name, "must be at most " + max + " characters"));
      return null;
    }
    return text;
  }
}
