package mercato.email;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mail.MailClient;
import mercato.email.api.EmailAddresses;
import mercato.platform.bus.Operations;
import mercato.platform.config.ConfigReader;
import mercato.platform.domain.DomainContext;
import mercato.platform.domain.DomainVerticle;
import mercato.platform.events.Inbox;
import mercato.platform.metrics.NodeMetrics;

/**
 * The email domain on one node: owns the {@code email} schema (templates and the mail
 * queue/log), serves the send/list/template operations, turns subscribed events into
 * queued mails through its inbox, and runs the sender that delivers the queue over SMTP.
 */
final class EmailVerticle extends DomainVerticle {
  private EmailSender sender;

  EmailVerticle(DomainContext context) {
    super(context);
  }

  @Override
  protected Future<?> deploy() {
    EmailConfig config = EmailConfig.read(new ConfigReader(context.section(), context.name()));
    openPool();
    MailClient mail = MailClient.create(vertx, EmailSender.mailConfig(config));
    closing(mail::close);
    EmailRepository emails = new EmailRepository();
    TemplateRepository templates = new TemplateRepository();
    TemplateRenderer renderer = new TemplateRenderer();
    sender = new EmailSender(vertx, pool, mail, config, emails);
    onStop(sender::stop);
    QueueEmail queue = new QueueEmail(templates, emails, renderer, config);
    TemplateReads reads = new TemplateReads(pool, config.defaultLocale(), context.maxPageSize());
    EmailHandlers handlers = new EmailHandlers(pool, queue, emails, templates, renderer, config,
        context.maxPageSize(), sender::wake);
    inbox = new Inbox(vertx, context.name(), pool);
    EventMails.mappers().forEach((type, mapper) -> inbox.on(type, (event, tx) ->
        queue(queue, tx, event, mapper.apply(event, config))));
    OrderMails orderMails = new OrderMails(vertx, config);
    Inbox.Preparer<JsonObject> accounts = orderMails::accounts; // one ask to auth per batch, for every type
    OrderMails.TYPES.forEach(type -> inbox.on(type, accounts, (event, account, tx) -> {
      MailRequest request = orderMails.mail(event, account);
      return request == null ? Future.succeededFuture() : queue(queue, tx, event, request);
    }));
    operations = new Operations(vertx)
        .on(EmailAddresses.SEND_EMAIL, handlers::sendEmail)
        .on(EmailAddresses.LIST_EMAILS, handlers::listEmails)
        .on(EmailAddresses.SAVE_TEMPLATE, handlers::saveTemplate)
        .on(EmailAddresses.LIST_TEMPLATES, reads::list)
        .on(EmailAddresses.GET_TEMPLATE, reads::get);
    // Reading the shipped templates from the jar is blocking I/O: a worker does it.
    return vertx.executeBlocking(DefaultTemplates::load, false)
        .compose(defaults -> templates.seed(pool, defaults))
        .compose(v -> ready())
        .onSuccess(v -> {
          sender.start();
          MailQueueGauges queueGauges = new MailQueueGauges(NodeMetrics.registry(vertx), pool);
          gauges("mail queue gauges", queueGauges::read);
        });
  }

  private Future<?> queue(QueueEmail queue, io.vertx.sqlclient.SqlConnection tx, mercato.platform.events.Event event,
      MailRequest request) {
    return queue.queue(tx, request, QueueEmail.Origin.event(event.id())).onSuccess(queued -> {
      if (queued.created()) {
        // The row is visible to the sender only once the inbox transaction commits.
        tx.transaction().completion().onSuccess(v -> sender.wake());
      }
    });
  }
}
