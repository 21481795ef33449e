package mercato.email.api;

import java.util.List;
import mercato.platform.route.Access;
import mercato.platform.route.Answer;
import mercato.platform.route.Route;

/** The email domain's HTTP routes (ROUTES.md, Email): admins, or roles granted the email permissions. */
public final class EmailRoutes {
  public static final List<Route> ROUTES = List.of(
      Route.post("/email/send", EmailAddresses.SEND_EMAIL, "sendEmail",
          Access.types("admin").orPermission("email:send")).answers(Answer.accepted()).alias("/emails"),
      Route.get("/emails", EmailAddresses.LIST_EMAILS, "listEmails",
          Access.types("admin").orPermission("email:read")),
      Route.post("/email/template", EmailAddresses.SAVE_TEMPLATE, "saveEmailTemplate",
          Access.types("admin").orPermission("email:templates")).answers(Answer.created()),
      Route.get("/email/template", EmailAddresses.GET_TEMPLATE, "getEmailTemplate",
          Access.types("admin").orPermission("email:templates")),
      Route.get("/email/templates", EmailAddresses.LIST_TEMPLATES, "listEmailTemplates",
          Access.types("admin").orPermission("email:templates")));

  private EmailRoutes() {}
}
