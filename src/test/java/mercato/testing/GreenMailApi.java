package mercato.testing;

import io.vertx.core.json.JsonArray;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * Reads what the development SMTP sink (GreenMail, started by scripts/services.sh) received,
 * through its REST API. Mailboxes are shared by every test class: use unique recipients.
 * Blocking: for test threads only.
 */
public final class GreenMailApi {
  /** One received mail, decoded: subject, recipients, the text and HTML parts, headers. */
  public record Mail(String subject, List<String> to, String text, String html, String messageId, MimeMessage mime) {
    public String header(String name) {
      try {
        return mime.getHeader(name, ",");
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final String BASE = "http://" + Services.HOST + ":" + Services.SMTP_API;

  private GreenMailApi() {}

  /** The mails in {@code address}'s inbox (none when GreenMail has not seen the address). */
  public static List<Mail> inbox(String address) {
    HttpResponse<String> response = call(HttpRequest.newBuilder(
        URI.create(BASE + "/api/user/" + URLEncoder.encode(address, StandardCharsets.UTF_8) + "/messages/INBOX")).GET());
    if (response.statusCode() == 400 && response.body().contains("not found")) {
      return List.of();
    }
    if (response.statusCode() != 200) {
      throw new AssertionError("GreenMail answered " + response.statusCode() + ": " + response.body());
    }
    List<Mail> mails = new ArrayList<>();
    JsonArray list = new JsonArray(response.body());
    for (int i = 0; i < list.size(); i++) {
      mails.add(parse(list.getJsonObject(i).getString("mimeMessage")));
    }
    return mails;
  }

  /** Waits until {@code address} has received {@code count} mails, and returns them. */
  public static List<Mail> await(String address, int count, Duration limit) {
    List<List<Mail>> seen = new ArrayList<>(List.of(List.of()));
    Await.until(address + " received " + count + " mail(s)", limit, () -> {
      seen.set(0, inbox(address));
      return seen.get(0).size() >= count;
    });
    return seen.get(0);
  }

  /** Parses a raw MIME message into its subject and decoded text and HTML parts. */
  public static Mail parse(String raw) {
    try {
      MimeMessage mime = new MimeMessage(Session.getInstance(new Properties()),
          new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
      String[] parts = new String[2];
      collect(mime, parts);
      List<String> to = mime.getAllRecipients() == null ? List.of()
          : Arrays.stream(mime.getAllRecipients()).map(Object::toString).toList();
      return new Mail(mime.getSubject(), to, parts[0], parts[1], mime.getMessageID(), mime);
    } catch (MessagingException | IOException e) {
      throw new IllegalStateException("not a MIME message", e);
    }
  }

  private static void collect(Part part, String[] parts) throws MessagingException, IOException {
    if (part.isMimeType("text/plain") && parts[0] == null) {
      parts[0] = String.valueOf(part.getContent());
    } else if (part.isMimeType("text/html") && parts[1] == null) {
      parts[1] = String.valueOf(part.getContent());
    } else if (part.isMimeType("multipart/*")) {
      Multipart multipart = (Multipart) part.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart child = multipart.getBodyPart(i);
        collect(child, parts);
      }
    }
  }

  private static HttpResponse<String> call(HttpRequest.Builder request) {
    Services.require("smtp");
    try {
      return CLIENT.send(request.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError("GreenMail's API on " + BASE + " does not answer (run scripts/services.sh up)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
