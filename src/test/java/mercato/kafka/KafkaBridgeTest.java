package mercato.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import mercato.Node;
import mercato.testing.Await;
import mercato.testing.HttpClient;
import mercato.testing.KafkaRecords;
import mercato.testing.KafkaRecords.Received;
import mercato.testing.PingDomain;
import mercato.testing.Services;
import mercato.testing.TestConfig;
import mercato.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Kafka bridge against the real broker: CloudEvents records keyed by subject, order per
 * subject, and a broker outage that the outbox rides out (stopped and restarted with
 * {@code scripts/services.sh}).
 */
class KafkaBridgeTest {
  private static final String TOPIC = "mercato.ping.events";
  private static final Duration LIMIT = Duration.ofSeconds(90);
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

  static TestDatabase db;
  static Node node;
  static HttpClient http;

  @BeforeAll
  static void start() {
    Services.require("postgres", "redis", "kafka");
    db = TestDatabase.create();
    node = Await.result(Node.start(TestConfig.of(db, Map.of(
        "roles", "http,ping,kafka", "kafka.enabled", "true")), List.of(PingDomain.domain())));
    http = new HttpClient(node.httpPort());
  }

  @AfterAll
  static void stop() {
    try {
      // Other test classes need the broker: bring it back whatever happened above.
      if (!Services.open(Services.KAFKA)) {
        services("up", "kafka");
      }
    } finally {
      if (http != null) {
        http.close();
      }
      if (node != null) {
        Await.result(node.stop());
      }
      if (db != null) {
        db.close();
      }
    }
  }

  @Test
  void publishesEachEventAsACloudEventKeyedBySubject() {
    String subject = subject("single");
    emit(subject, 7);

    List<Received> records = KafkaRecords.read(TOPIC, r -> subject.equals(r.key()), seen -> !seen.isEmpty(), LIMIT);

    Received record = records.get(0);
    assertThat(record.key()).isEqualTo(subject);
    JsonObject event = record.value();
    assertThat(event.getString("specversion")).isEqualTo("1.0");
    assertThat(UUID.fromString(event.getString("id"))).isNotNull();
    assertThat(event.getString("id")).isEqualTo(
        db.column("SELECT id FROM ping.outbox WHERE subject = '" + subject + "'").get(0));
    assertThat(event.getString("type")).isEqualTo("mercato.ping.pinged.v1");
    assertThat(event.getString("source")).isEqualTo("/mercato/ping");
    assertThat(event.getString("subject")).isEqualTo(subject);
    assertThat(Instant.parse(event.getString("time"))).isBetween(Instant.now().minusSeconds(300), Instant.now());
    assertThat(event.getString("datacontenttype")).isEqualTo("application/json");
    assertThat(event.getJsonObject("data")).isEqualTo(new JsonObject().put("n", 7));

    Await.until("the delivery of " + subject + " to kafka is delivered", Duration.ofSeconds(30),
        () -> kafkaStatuses(subject).equals(List.of("delivered")));
  }

  @Test
  void keepsTheOrderOfOneSubject() {
    String subject = subject("ordered");
    for (int n = 1; n <= 20; n++) {
      emit(subject, n);
    }

    List<Received> records = KafkaRecords.read(TOPIC, r -> subject.equals(r.key()), seen -> seen.size() >= 20, LIMIT);

    assertThat(records).extracting(r -> r.value().getJsonObject("data").getInteger("n"))
        .containsExactlyElementsOf(IntStream.rangeClosed(1, 20).boxed().toList());
    assertThat(records).extracting(Received::partition).containsOnly(records.get(0).partition());
    Await.until("all 20 deliveries to kafka are delivered", Duration.ofSeconds(30),
        () -> kafkaStatuses(subject).equals(Collections.nCopies(20, "delivered")));
  }

  @Test
  void holdsEventsWhileTheBrokerIsDownAndSendsThemInOrderWhenItReturns() {
    String subject = subject("outage");
    // If the test JVM is ended while the broker is down (a surefire timeout, Ctrl-C), the
    // finally below never runs: bring the broker back on the way out.
    Thread restart = new Thread(() -> services("up", "kafka"), "restart-kafka");
    Runtime.getRuntime().addShutdownHook(restart);
    try {
      services("down", "kafka");
      assertThat(Services.open(Services.KAFKA)).as("Kafka still listens after services.sh down kafka").isFalse();

      for (int n = 1; n <= 5; n++) {
        emit(subject, n);
      }

      // Readiness names Kafka, and only Kafka.
      HttpResponse<Buffer> ready = awaitReadiness(503);
      assertThat(ready.getHeader("Content-Type")).isEqualTo("application/problem+json");
      JsonObject problem = ready.bodyAsJsonObject();
      assertThat(problem.getString("type")).isEqualTo("/problems/unavailable");
      assertThat(problem.getInteger("status")).isEqualTo(503);
      assertThat(problem.getString("detail")).isEqualTo("kafka down");
      JsonObject checks = problem.getJsonObject("checks");
      assertThat(checks.getJsonObject("kafka").getString("status")).isEqualTo("DOWN");
      assertThat(checks.getJsonObject("kafka").getString("error")).isNotBlank();
      assertThat(checks.getJsonObject("postgres").getString("status")).isEqualTo("UP");
      assertThat(checks.getJsonObject("redis").getString("status")).isEqualTo("UP");

      // The relay tries, and the deliveries stay pending (not dead, not delivered), while the
      // edge keeps taking writes.
      Await.until("the relay tried to deliver " + subject + " to kafka", Duration.ofSeconds(10),
          () -> db.count("SELECT coalesce(max(attempts), 0) FROM ping.outbox_delivery WHERE subscriber = 'kafka'"
              + " AND subject = '" + subject + "'") > 0);
      assertThat(http.postJson("/ping/echo", new JsonObject().put("name", "x")).statusCode()).isEqualTo(200);
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
      while (System.nanoTime() < until) {
        assertThat(kafkaStatuses(subject)).as("deliveries to kafka while the broker is down")
            .hasSize(5).containsOnly("pending");
        pause(250);
      }
    } finally {
      services("up", "kafka");
      Runtime.getRuntime().removeShutdownHook(restart);
    }

    List<Received> records = KafkaRecords.read(TOPIC, r -> subject.equals(r.key()),
        seen -> seen.stream().map(r -> r.value().getString("id")).distinct().count() >= 5, LIMIT);

    // At least once: a send the relay gave up waiting for may reach the topic twice, but
    // never after a later event of the same subject.
    List<Integer> raw = records.stream().map(r -> r.value().getJsonObject("data").getInteger("n")).toList();
    assertThat(raw).as("n in topic order").isSorted();
    Map<String, Integer> firstById = new LinkedHashMap<>();
    records.forEach(r -> firstById.putIfAbsent(r.value().getString("id"), r.value().getJsonObject("data").getInteger("n")));
    assertThat(new ArrayList<>(firstById.values())).containsExactly(1, 2, 3, 4, 5);

    Await.until("all 5 deliveries to kafka are delivered", LIMIT,
        () -> kafkaStatuses(subject).equals(Collections.nCopies(5, "delivered")));
    HttpResponse<Buffer> ready = awaitReadiness(200);
    assertThat(ready.bodyAsJsonObject().getJsonObject("checks").getJsonObject("kafka").getString("status"))
        .isEqualTo("UP");
  }

  /** Paces a check that must keep holding over a while (not a wait for something to happen). */
  private static void pause(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static String subject(String what) {
    return "kb-" + RUN + "-" + what + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static void emit(String subject, int n) {
    HttpResponse<Buffer> response = http.postJson("/ping/events", new JsonObject().put("subject", subject).put("n", n));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
  }

  /** Statuses of the deliveries of {@code subject} to the kafka subscriber, in event order. */
  private static List<String> kafkaStatuses(String subject) {
    return db.column("SELECT status FROM ping.outbox_delivery WHERE subscriber = 'kafka' AND subject = '"
        + subject + "' ORDER BY seq");
  }

  private static HttpResponse<Buffer> awaitReadiness(int status) {
    HttpResponse<Buffer>[] last = new HttpResponse[1];
    try {
      Await.until("/health/ready answers " + status, LIMIT, () -> {
        last[0] = http.get("/health/ready");
        return last[0].statusCode() == status;
      });
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "; last answer " + (last[0] == null ? "none"
          : last[0].statusCode() + " " + last[0].bodyAsString()), e);
    }
    return last[0];
  }

  /** Runs {@code scripts/services.sh ACTION SERVICE} from the repository root and waits for exit 0. */
  static void services(String action, String service) {
    Path root = repositoryRoot();
    Path log = root.resolve("target").resolve("services-" + action + "-" + service + ".log");
    try {
      Files.createDirectories(log.getParent());
      Process process = new ProcessBuilder("bash", "scripts/services.sh", action, service)
          .directory(root.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .start();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("scripts/services.sh " + action + " " + service + " did not finish in 120 s: "
            + Files.readString(log));
      }
      if (process.exitValue() != 0) {
        throw new AssertionError("scripts/services.sh " + action + " " + service + " exited " + process.exitValue()
            + ": " + Files.readString(log));
      }
    } catch (IOException e) {
      throw new AssertionError("cannot run scripts/services.sh " + action + " " + service, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static Path repositoryRoot() {
    Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("scripts/services.sh"))) {
        return p;
      }
    }
    throw new AssertionError("no scripts/services.sh above " + dir);
  }
}
