package mercato.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import mercato.testing.Await;
import mercato.testing.HttpClient;
import mercato.testing.KafkaBroker;
import mercato.testing.KafkaRecords;
import mercato.testing.KafkaRecords.Received;
import mercato.testing.PingDomain;
import mercato.testing.Services;
import mercato.testing.TestDatabase;
import mercato.testing.TestNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Kafka bridge against the real broker: structured-mode CloudEvents records keyed by
 * subject, read back with the CloudEvents SDK and as plain JSON, a redelivery that keeps the
 * event's id, order per subject, and a broker outage that the outbox rides out. The broker is the test's own
 * ({@link KafkaBroker}), so stopping it touches nothing the other tests share.
 */
class KafkaBridgeTest {
  private static final String TOPIC = "mercato.ping.events";
  private static final Duration LIMIT = Duration.ofSeconds(90);
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  /** RFC 3339 in UTC, as the bridge writes {@code time}: seconds always there, a fraction when there is one. */
  private static final String RFC_3339_UTC = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z";

  static KafkaBroker broker;
  static TestNode app;
  static TestDatabase db;
  static HttpClient http;

  @BeforeAll
  static void start() {
    broker = KafkaBroker.start();
    app = TestNode.of(PingDomain.domain()).set("roles", "http,ping,kafka").set("kafka.enabled", "true")
        .set("kafka.bootstrapServers", broker.bootstrap()).start();
    db = app.db;
    http = app.api.http();
  }

  @AfterAll
  static void stop() {
    try {
      if (app != null) {
        app.close();
      }
    } finally {
      if (broker != null) {
        broker.close();
      }
    }
  }

  @Test
  void publishesEachEventAsAStructuredCloudEventKeyedBySubject() {
    String subject = subject("single");
    emit(subject, 7);
    String id = db.column("SELECT id FROM ping.outbox WHERE subject = '" + subject + "'").get(0);

    // As a consumer with the CloudEvents SDK reads it: the header says structured mode.
    ConsumerRecord<String, CloudEvent> record = cloudEvents(subject, 1).get(0);
    assertThat(record.key()).isEqualTo(subject);
    assertThat(headers(record)).containsExactly("content-type: application/cloudevents+json; charset=UTF-8");
    CloudEvent event = record.value();
    assertThat(event.getSpecVersion()).isEqualTo(SpecVersion.V1);
    assertThat(event.getId()).isEqualTo(id);
    assertThat(event.getSource()).isEqualTo(URI.create("/mercato/ping"));
    assertThat(event.getType()).isEqualTo("mercato.ping.pinged.v1");
    assertThat(event.getSubject()).isEqualTo(subject);
    assertThat(event.getTime().toInstant()).isEqualTo(storedTime(subject));
    assertThat(event.getDataContentType()).isEqualTo("application/json");
    assertThat(event.getDataSchema()).isNull();
    assertThat(event.getExtensionNames()).isEmpty();
    assertThat(new JsonObject(Buffer.buffer(event.getData().toBytes()))).isEqualTo(new JsonObject().put("n", 7));

    // As a consumer that reads the value as plain JSON does: the same event, nothing else.
    JsonObject json = KafkaRecords.read(broker.bootstrap(), TOPIC, r -> subject.equals(r.key()), seen -> !seen.isEmpty(),
        LIMIT).get(0).value();
    assertThat(json.fieldNames()).containsExactlyInAnyOrder("specversion", "id", "source", "type", "subject", "time",
        "datacontenttype", "data");
    assertThat(json.getString("specversion")).isEqualTo("1.0");
    assertThat(json.getString("id")).isEqualTo(id);
    assertThat(json.getString("source")).isEqualTo("/mercato/ping");
    assertThat(json.getString("type")).isEqualTo("mercato.ping.pinged.v1");
    assertThat(json.getString("subject")).isEqualTo(subject);
    assertThat(json.getString("time")).matches(RFC_3339_UTC);
    assertThat(Instant.parse(json.getString("time"))).isEqualTo(storedTime(subject));
    assertThat(json.getString("datacontenttype")).isEqualTo("application/json");
    assertThat(json.getJsonObject("data")).isEqualTo(new JsonObject().put("n", 7));

    Await.until("the delivery of " + subject + " to kafka is delivered", Duration.ofSeconds(30),
        () -> kafkaStatuses(subject).equals(List.of("delivered")));
  }

  @Test
  void aRedeliveredEventKeepsItsIdSoConsumersCanDropTheCopy() {
    String subject = subject("again");
    emit(subject, 3);
    String id = db.column("SELECT id FROM ping.outbox WHERE subject = '" + subject + "'").get(0);
    Await.until("the delivery of " + subject + " to kafka is delivered", Duration.ofSeconds(30),
        () -> kafkaStatuses(subject).equals(List.of("delivered")));

    // What a relay that died after Kafka's acknowledgement, before it marked the delivery done,
    // leaves behind: the delivery pending with no lease. The next round sends the event again.
    db.execute("UPDATE ping.outbox_delivery SET status = 'pending', delivered_at = NULL, locked_until = NULL,"
        + " next_attempt_at = now() WHERE subscriber = 'kafka' AND subject = '" + subject + "'");

    List<ConsumerRecord<String, CloudEvent>> records = cloudEvents(subject, 2);
    assertThat(records).extracting(r -> r.value().getId()).containsOnly(id);
    assertThat(records.get(1).offset()).isGreaterThan(records.get(0).offset());
    assertThat(records.get(1).partition()).isEqualTo(records.get(0).partition());
    // Every attribute and the data are those of the first record, time included.
    assertThat(records.get(1).value()).isEqualTo(records.get(0).value());
    assertThat(records.get(1).value().getTime().toInstant()).isEqualTo(storedTime(subject));
    Await.until("the second delivery of " + subject + " to kafka is delivered", Duration.ofSeconds(30),
        () -> kafkaStatuses(subject).equals(List.of("delivered")));
  }

  @Test
  void keepsTheOrderOfOneSubject() {
    String subject = subject("ordered");
    for (int n = 1; n <= 20; n++) {
      emit(subject, n);
    }

    List<Received> records = KafkaRecords.read(broker.bootstrap(), TOPIC, r -> subject.equals(r.key()), seen -> seen.size() >= 20, LIMIT);

    assertThat(records).extracting(r -> r.value().getJsonObject("data").getInteger("n"))
        .containsExactlyElementsOf(IntStream.rangeClosed(1, 20).boxed().toList());
    assertThat(records).extracting(Received::partition).containsOnly(records.get(0).partition());
    Await.until("all 20 deliveries to kafka are delivered", Duration.ofSeconds(30),
        () -> kafkaStatuses(subject).equals(Collections.nCopies(20, "delivered")));
  }

  @Test
  void holdsEventsWhileTheBrokerIsDownAndSendsThemInOrderWhenItReturns() {
    String subject = subject("outage");
    try {
      broker.stop();
      assertThat(Services.open(broker.port())).as("the test's broker still listens after it was stopped").isFalse();

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
          () -> attempts(subject) > 0);
      assertThat(http.postJson("/ping/echo", new JsonObject().put("name", "x")).statusCode()).isEqualTo(200);
      // Not a wait for time: two more relay rounds have tried, and still nothing was given up or delivered.
      long tried = attempts(subject);
      Await.until("the relay tried " + subject + " again while the broker is down", LIMIT,
          () -> attempts(subject) >= tried + 2);
      assertThat(kafkaStatuses(subject)).as("deliveries to kafka while the broker is down")
          .hasSize(5).containsOnly("pending");
    } finally {
      broker.resume();
    }

    List<Received> records = KafkaRecords.read(broker.bootstrap(), TOPIC, r -> subject.equals(r.key()),
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

  /** The records of {@code subject}, decoded by the CloudEvents SDK, once there are at least {@code count}. */
  private static List<ConsumerRecord<String, CloudEvent>> cloudEvents(String subject, int count) {
    return KafkaRecords.read(broker.bootstrap(), TOPIC, new CloudEventDeserializer(), r -> r,
        r -> subject.equals(r.key()), seen -> seen.size() >= count, LIMIT);
  }

  /** A record's headers as {@code name: value} lines, in record order. */
  private static List<String> headers(ConsumerRecord<?, ?> record) {
    List<String> headers = new ArrayList<>();
    record.headers().forEach(h -> headers.add(h.key() + ": " + new String(h.value(), StandardCharsets.UTF_8)));
    return headers;
  }

  /** The time of the event of {@code subject} as the outbox holds it (microseconds). */
  private static Instant storedTime(String subject) {
    return Instant.parse(db.column("SELECT to_char(time AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"
        + " FROM ping.outbox WHERE subject = '" + subject + "'").get(0));
  }

  /** The most attempts the relay made at a delivery of {@code subject} to the kafka subscriber. */
  private static long attempts(String subject) {
    return db.count("SELECT coalesce(max(attempts), 0) FROM ping.outbox_delivery WHERE subscriber = 'kafka'"
        + " AND subject = '" + subject + "'");
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
}
