package mercato.email;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.MailResult;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mail.StartTLSOptions;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mercato.email.EmailRepository.Claimed;
import mercato.platform.events.SetAside;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker loop that delivers the queue: claims due mails ({@code FOR UPDATE SKIP
 * LOCKED} with a lease, so every node may run one), sends them over SMTP, and records
 * {@code sent}, or {@code retrying} with an exponential backoff, or {@code failed}; a failed
 * mail is also set aside (kind {@code mail}) so {@code events dead} lists it, and the rest go on.
 * Woken when this node queues a mail, and by a periodic sweep that finds retries that
 * came due and mails queued on other nodes.
 */
final class EmailSender {
  private static final Logger LOG = LoggerFactory.getLogger(EmailSender.class);
  /** SMTP conversations at once per node (also the mail client's connection pool size). */
  static final int IN_FLIGHT = 10;
  /** The set-aside kind of a mail that failed for good (its row stays {@code failed} in the queue). */
  static final String KIND = "mail";

  private final Vertx vertx;
  private final Pool pool;
  private final MailClient mail;
  private final EmailConfig config;
  private final EmailRepository emails;
  private final SetAside setAside;
  private final SentMarks sent;
  private final String messageIdDomain;
  private final Promise<Void> drained = Promise.promise();
  private long timer = -1;
  private boolean claiming;
  private boolean again;
  private boolean stopped;
  private int inFlight;

  EmailSender(Vertx vertx, Pool pool, MailClient mail, EmailConfig config, EmailRepository emails) {
    this.vertx = vertx;
    this.pool = pool;
    this.mail = mail;
    this.config = config;
    this.emails = emails;
    this.setAside = new SetAside(vertx, pool, KIND);
    this.sent = new SentMarks(pool);
    this.messageIdDomain = Addresses.domain(Addresses.mailbox(config.from()));
  }

  /** The vertx-mail-client settings for {@code config}. */
  static MailConfig mailConfig(EmailConfig config) {
    EmailConfig.Smtp smtp = config.smtp();
    MailConfig mail = new MailConfig()
        .setHostname(smtp.host())
        .setPort(smtp.port())
        .setConnectTimeout(smtp.connectTimeoutMs())
        .setIdleTimeout(smtp.idleTimeoutSeconds())
        .setIdleTimeoutUnit(TimeUnit.SECONDS)
        .setMaxPoolSize(IN_FLIGHT)
        .setKeepAlive(true)
        .setUserAgent("mercato");
    switch (smtp.tls()) {
      case NONE -> mail.setStarttls(StartTLSOptions.DISABLED);
      case STARTTLS -> mail.setStarttls(StartTLSOptions.REQUIRED);
      case REQUIRED -> mail.setStarttls(StartTLSOptions.DISABLED).setSsl(true);
    }
    if (smtp.login()) {
      mail.setLogin(LoginOption.REQUIRED).setUsername(smtp.username()).setPassword(smtp.password());
    } else {
      mail.setLogin(LoginOption.DISABLED);
    }
    return mail;
  }

  void start() {
    timer = vertx.setPeriodic(config.sweepMs(), id -> wake());
    wake();
  }

  /**
   * Claims as many due mails as there is room for (at most {@link #IN_FLIGHT} conversations
   * at once) and starts sending each; a slow or silent server holds only its own mails.
   * A wake-up while a claim runs, or a full claim, makes another claim follow.
   */
  void wake() {
    if (stopped) {
      return;
    }
    int room = IN_FLIGHT - inFlight;
    if (claiming || room <= 0) {
      again = true; // the running claim, or the next finished delivery, looks again
      return;
    }
    claiming = true;
    again = false;
    emails.claim(pool, room, config.leaseMs()).onComplete(result -> {
      claiming = false;
      if (result.failed()) {
        LOG.warn("email sender could not claim due mails: {}", result.cause().toString());
        settle();
        return;
      }
      List<Claimed> claimed = result.result();
      for (Claimed one : claimed) {
        inFlight++;
        deliver(one).onComplete(done -> {
          inFlight--;
          // Under a backlog the next claim waits until half the slots are free: one claim
          // (one statement) per several mails instead of one per mail.
          if (again && inFlight <= IN_FLIGHT / 2) {
            wake();
          }
          settle();
        });
      }
      if (claimed.size() >= room) {
        again = true; // probably more due: the next free slot claims again
      }
      if (again) {
        wake();
      }
      settle();
    });
  }

  /** Stops claiming; completes when the sends in flight have recorded their outcomes (or after a bound). */
  Future<Void> stop() {
    stopped = true;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    // A send still hanging after the bound keeps its lease; another node retries it when the lease ends.
    long guard = vertx.setTimer(5000, id -> drained.tryComplete());
    settle();
    return drained.future().onComplete(v -> vertx.cancelTimer(guard));
  }

  private void settle() {
    if (stopped && !claiming && inFlight == 0) {
      drained.tryComplete();
    }
  }

  private Future<Void> deliver(Claimed claimed) {
    String messageId = "<" + claimed.id() + "@" + messageIdDomain + ">";
    Future<MailResult> sending;
    try {
      sending = mail.sendMail(message(claimed, messageId));
    } catch (RuntimeException e) {
      sending = Future.failedFuture(e); // a message the client cannot even encode
    }
    return sending
        .timeout(config.sendTimeoutMs(), TimeUnit.MILLISECONDS)
        .compose(
            result -> sent.mark(claimed.id(), messageId)
                .onSuccess(v -> LOG.info("email {} sent (attempt {})", claimed.id(), claimed.attempts())),
            failure -> recordFailure(claimed, DeliveryFailure.of(failure)))
        .onFailure(e -> LOG.warn("email {}: the outcome of attempt {} was not recorded (the lease will retry it): {}",
            claimed.id(), claimed.attempts(), e.toString()));
  }

  private Future<Void> recordFailure(Claimed claimed, DeliveryFailure failure) {
    long backoff = config.backoffMs(claimed.attempts());
    return emails.markFailedAttempt(pool, claimed, failure.permanent(), config.maxAttempts(), backoff, failure.error())
        .compose(status -> {
          if ("failed".equals(status)) {
            return setAside.put(claimed.id().toString(), (failure.permanent() ? "refused for good" : "no attempts left")
                + " after " + claimed.attempts() + " attempt(s): " + failure.error(), new JsonObject()
                .put("emailId", claimed.id().toString()).put("to", claimed.to()).put("subject", claimed.subject()));
          } else if ("retrying".equals(status)) {
            LOG.info("email {} attempt {} failed, retrying in {} ms: {}", claimed.id(), claimed.attempts(), backoff,
                failure.error());
          }
          return Future.<Void>succeededFuture();
        });
  }

  private MailMessage message(Claimed claimed, String messageId) {
    MailMessage message = new MailMessage()
        .setFrom(config.from())
        .setTo(claimed.to())
        .setSubject(claimed.subject());
    if (claimed.text() != null) {
      message.setText(claimed.text());
    }
    if (claimed.html() != null) {
      message.setHtml(claimed.html());
    }
    // The same Message-ID on every attempt lets a receiver drop a duplicate after a retry.
    message.setHeaders(MultiMap.caseInsensitiveMultiMap()
        .add("Message-ID", messageId)
        .add("X-Mercato-Email-Id", claimed.id().toString()));
    return message;
  }
}
