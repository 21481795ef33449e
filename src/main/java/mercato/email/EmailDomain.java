package mercato.email;

import java.util.List;
import mercato.email.api.EmailRoutes;
import mercato.platform.domain.Domain;

/**
 * The email domain: durable outgoing mail over SMTP, templates, and the mails that auth
 * and notification events ask for. It writes no events of its own.
 */
public final class EmailDomain {
  public static final String NAME = "email";

  private EmailDomain() {}

  public static Domain domain() {
    return new Domain(NAME, true, EmailRoutes.ROUTES,
        java.util.stream.Stream.concat(EventMails.TYPES.stream(), OrderMails.TYPES.stream()).toList(), List.of(), EmailVerticle::new);
  }
}
