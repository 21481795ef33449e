package mercato.email.api;

/**
 * The email domain's bus operations. Another domain sends an internal envelope
 * ({@code Envelope.internal(body, requestId)}, no principal) to {@link #SEND_EMAIL} with
 * the same body as {@code POST /email/send}; a reply means the mail is committed to the
 * queue and will be delivered (retried until the SMTP server takes it or refuses it).
 */
public final class EmailAddresses {
  /** Queue one mail: {to, template?, locale?, variables?} or {to, subject, html?, text?} -> {id, status}. */
  public static final String SEND_EMAIL = "mercato.email.send-email";
  /** The mail log, newest first: query {status?, to?, limit?, cursor?} -> {items, nextCursor}. */
  public static final String LIST_EMAILS = "mercato.email.list-emails";
  /** Create or update a template: {name, locale?, subject, html?, text?}. */
  public static final String SAVE_TEMPLATE = "mercato.email.save-template";
  public static final String LIST_TEMPLATES = "mercato.email.list-templates";
  public static final String GET_TEMPLATE = "mercato.email.get-template";

  private EmailAddresses() {}
}
