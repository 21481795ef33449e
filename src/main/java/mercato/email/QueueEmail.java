package mercato.email;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import mercato.platform.bus.Problem;
import mercato.platform.bus.ProblemType;
import mercato.platform.ids.Ids;

/**
 * Commits one mail to the queue: picks the template (falling back to the default locale),
 * renders it, and inserts the row with status {@code queued}. Nothing is sent here; the
 * sender takes the row once it is committed. A second request for the same event or with
 * the same idempotency key queues nothing and answers with the first mail.
 */
final class QueueEmail {
  /** Where a request came from: the event it answers, or the caller's idempotency key. */
  record Origin(UUID sourceEventId, String idempotencyKey, String requestId) {
    static Origin event(UUID eventId) {
      return new Origin(eventId, null, "event-" + eventId);
    }
  }

  /** The queued mail (or the earlier one this request repeats), and whether this call queued it. */
  record Queued(UUID id, String status, boolean created) {
    JsonObject toJson() {
      return new JsonObject().put("id", id == null ? null : id.toString()).put("status", status);
    }
  }

  private final TemplateRepository templates;
  private final EmailRepository emails;
  private final TemplateRenderer renderer;
  private final EmailConfig config;

  QueueEmail(TemplateRepository templates, EmailRepository emails, TemplateRenderer renderer, EmailConfig config) {
    this.templates = templates;
    this.emails = emails;
    this.renderer = renderer;
    this.config = config;
  }

  /** Queues {@code request} through {@code client} (a pool, or the caller's transaction). */
  Future<Queued> queue(SqlClient client, MailRequest request, Origin origin) {
    return render(client, request).compose(rendered -> {
      UUID id = Ids.uuid7();
      String hash = origin.idempotencyKey() == null ? null : hash(request);
      var row = new EmailRepository.NewEmail(id, request.to(), rendered.mail(), request.template(), rendered.locale(),
          origin.sourceEventId(), origin.idempotencyKey(), hash, origin.requestId());
      return emails.insert(client, row).compose(status -> {
        if (status != null) {
          return Future.succeededFuture(new Queued(id, status, true));
        }
        if (origin.idempotencyKey() == null) {
          return Future.succeededFuture(new Queued(null, "duplicate", false)); // this event was mailed already
        }
        return emails.byIdempotencyKey(client, origin.idempotencyKey()).map(existing -> {
          if (existing == null || !existing.requestHash().equals(hash)) {
            throw new Problem(ProblemType.IDEMPOTENCY_KEY_REUSED,
                "This Idempotency-Key was used for a different mail.");
          }
          return new Queued(existing.id(), existing.status(), false);
        });
      });
    });
  }

  private record Rendered(RenderedMail mail, String locale) {}

  private Future<Rendered> render(SqlClient client, MailRequest request) {
    if (!request.templated()) {
      return Future.succeededFuture(new Rendered(new RenderedMail(request.subject(), request.html(), request.text()), null));
    }
    String wanted = request.locale() == null ? config.defaultLocale() : request.locale();
    return templates.find(client, request.template(), Locales.candidates(wanted, config.defaultLocale()))
        .map(template -> {
          if (template == null) {
            throw Problem.invalidField("/template", "no template is named " + request.template());
          }
          RenderedMail mail = renderer.render(template, request.variables());
          if (mail.subject().length() > MailRequest.MAX_SUBJECT) {
            throw Problem.invalidField("/variables", "make the subject longer than " + MailRequest.MAX_SUBJECT + " characters");
          }
          return new Rendered(mail, template.locale());
        });
  }

  /** What makes two requests the same request, for the idempotency check. */
  private static String hash(MailRequest request) {
    String canonical = new JsonArray()
        .add(new JsonArray(request.to())).add(request.template()).add(request.locale()).add(request.variables())
        .add(request.subject()).add(request.html()).add(request.text())
        .encode();
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
