package mercato.inventory;

import static mercato.inventory.InventoryFixture.seller;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import mercato.auth.AuthDomain;
import mercato.platform.bus.Principal;
import mercato.testing.Await;
import mercato.testing.KafkaRecords;
import mercato.testing.Scrape;
import mercato.testing.Services;
import mercato.testing.TestNode;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Warehouse stock pushed on the real Kafka broker: applied once by message id; bad records end on the DLT. */
class InboundStockTest {
  static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  static final String TOPIC = "mercato.inbound.warehouse-stock.test-" + RUN;
  static final String GROUP = "mercato-inventory-test-" + RUN;
  static final String RECORDS = "mercato_inventory_inbound_records_total";
  static TestNode app;
  static InventoryFixture fx;

  @BeforeAll
  static void start() {
    app = TestNode.of(AuthDomain.domain(), InventoryDomain.domain())
        .withKeys()
        .requiring("postgres", "redis", "kafka")
        .set("kafka.enabled", "true")
        .set("inventory.inboundTopic", TOPIC)
        .set("inventory.inboundGroup", GROUP)
        .start();
    fx = new InventoryFixture(app);
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  static void produce(List<ProducerRecord<String, String>> records) {
    Map<String, Object> config = Map.of("bootstrap.servers", Services.HOST + ":" + Services.KAFKA, "acks", "all");
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
        new StringSerializer())) {
      for (ProducerRecord<String, String> record : records) {
        producer.send(record);
      }
      producer.flush();
    }
  }

  static ProducerRecord<String, String> record(String key, JsonObject value) {
    return new ProducerRecord<>(TOPIC, key, value.encode());
  }

  static JsonObject message(String id, UUID warehouse) {
    return new JsonObject().put("messageId", id).put("warehouseId", warehouse.toString())
        .put("timestamp", "2026-11-24T12:00:00Z");
  }

  @Test
  void aValidMessageChangesStockOnceAndBadOnesEndOnTheDeadLetterTopic() {
    UUID sellerId = UUID.randomUUID();
    Principal seller = seller(sellerId);
    String sku = "INB-" + RUN;
    UUID product = fx.product(sellerId, sku, 0);
    UUID warehouse = fx.warehouse(seller, "Third party", 1);
    UUID other = fx.warehouse(seller, "Not stocking", 2);
    fx.setStock(seller, product, warehouse, 10);
    String key = warehouse.toString();
    String absolute = "abs-" + RUN;
    Scrape before = Scrape.of(app);

    produce(List.of(
        record(key, message(absolute, warehouse).put("productId", product.toString()).put("quantity", 25)),
        record(key, message(absolute, warehouse).put("productId", product.toString()).put("quantity", 25)),
        record(key, message("delta-" + RUN, warehouse).put("sku", sku).put("delta", -5)),
        record(key, message("unknown-wh-" + RUN, UUID.randomUUID()).put("productId", product.toString()).put("quantity", 1)),
        record(key, message("not-stocked-" + RUN, other).put("productId", product.toString()).put("quantity", 1)),
        record(key, message("invalid-" + RUN, warehouse).put("productId", product.toString()).put("quantity", -3)),
        new ProducerRecord<>(TOPIC, key, "{not json " + RUN)));

    List<KafkaRecords.Received> dead = KafkaRecords.read(TOPIC + ".dlt",
        r -> r.value().getString("value", "").contains(RUN), seen -> seen.size() >= 4, Duration.ofSeconds(60));
    assertThat(dead).extracting(r -> r.value().getString("reason"))
        .containsExactlyInAnyOrder("unknown-warehouse", "not-stocked", "invalid", "malformed-json");
    Await.until("the valid messages are applied", Duration.ofSeconds(20),
        () -> "20/0".equals(fx.row(product, warehouse)));
    assertThat(fx.row(other, product)).isNull();
    assertThat(fx.row(product, other)).isNull();
    assertThat(fx.ledger(product, warehouse)).isEqualTo("20/0");
    assertThat(app.db.column("SELECT correlation_id FROM inventory.movements WHERE reason = 'sync' AND product_id = '"
        + product + "' ORDER BY id")).containsExactly(absolute, "delta-" + RUN);
    assertThat(app.db.count("SELECT count(*) FROM inventory.inbound_messages WHERE message_id = '" + absolute + "'"))
        .isEqualTo(1);
    // Every record, applied or dead-lettered, has its offset committed, and only then.
    Await.until("the group's offsets reach the end of the topic", Duration.ofSeconds(20), () -> lag() == 0);
    // On /metrics: three applied (the repeat too, changing nothing), four refused, nothing waiting.
    Scrape after = Scrape.of(app);
    assertThat(after.value(RECORDS, "outcome", "applied") - before.value(RECORDS, "outcome", "applied")).isEqualTo(3);
    assertThat(after.value(RECORDS, "outcome", "refused") - before.value(RECORDS, "outcome", "refused")).isEqualTo(4);
    assertThat(after.value("mercato_inventory_inbound_lag_seconds")).isZero();
  }

  @Test
  void recordsWithTextTheRuleRefusesAreSetAsideAndTheRecordsAfterThemApplied() {
    String mark = UUID.randomUUID().toString().substring(0, 8); // not RUN: the other test reads the DLT by RUN
    UUID sellerId = UUID.randomUUID();
    Principal seller = seller(sellerId);
    String sku = "TXT-" + mark;
    UUID product = fx.product(sellerId, sku, 0);
    UUID warehouse = fx.warehouse(seller, "Text rule", 3);
    fx.setStock(seller, product, warehouse, 10);
    String key = warehouse.toString();
    String head = "{\"warehouseId\":\"" + warehouse + "\",\"productId\":\"" + product
        + "\",\"timestamp\":\"2026-11-24T12:00:00Z\",\"quantity\":1,";
    // JSON escapes, so the broker carries them as they are: a NUL, a lone surrogate, an over-long value.
    produce(List.of(
        new ProducerRecord<>(TOPIC, key, head + "\"messageId\":\"nul-" + mark + "\\u0000\"}"),
        new ProducerRecord<>(TOPIC, key, head + "\"messageId\":\"surrogate-" + mark + "\",\"note\":\"\\ud800\"}"),
        new ProducerRecord<>(TOPIC, key, head + "\"messageId\":\"long-" + mark + "\",\"note\":\""
            + "x".repeat(mercato.platform.bus.TextRules.MAX_STRING + 1) + "\"}"),
        record(key, message("after-" + mark, warehouse).put("productId", product.toString()).put("quantity", 7))));

    Await.until("the record after the poisoned ones is applied", Duration.ofSeconds(30),
        () -> "7/0".equals(fx.row(product, warehouse)));
    assertThat(app.db.column("SELECT item_id || ' ' || error FROM inventory.set_aside WHERE kind = 'kafka-inbound'"
        + " AND item LIKE '%" + mark + "%' AND error LIKE 'invalid-text:%' ORDER BY id"))
        .hasSize(3)
        .satisfiesExactly(
            nul -> assertThat(nul).contains("/messageId").contains("U+0000"),
            surrogate -> assertThat(surrogate).contains("/note").contains("lone surrogate"),
            tooLong -> assertThat(tooLong).contains("/note").contains("at most"));
    List<KafkaRecords.Received> dead = KafkaRecords.read(TOPIC + ".dlt",
        r -> "invalid-text".equals(r.value().getString("reason")) && r.value().getString("value", "").contains(mark),
        seen -> seen.size() >= 3, Duration.ofSeconds(60));
    assertThat(dead).hasSize(3);
    assertThat(app.db.count("SELECT count(*) FROM inventory.inbound_messages WHERE message_id LIKE '%-" + mark + "%'"
        + " AND message_id <> 'after-" + mark + "'"))
        .isZero();
  }

  /** Records of the topic not yet committed by the inventory group. */
  static long lag() {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", Services.HOST + ":" + Services.KAFKA))) {
      Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP)
          .partitionsToOffsetAndMetadata().get();
      Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
      admin.describeTopics(List.of(TOPIC)).allTopicNames().get().get(TOPIC).partitions()
          .forEach(p -> latest.put(new TopicPartition(TOPIC, p.partition()), OffsetSpec.latest()));
      long lag = 0;
      for (var end : admin.listOffsets(latest).all().get().entrySet()) {
        OffsetAndMetadata done = committed.get(end.getKey());
        lag += end.getValue().offset() - (done == null ? 0 : done.offset());
      }
      return lag;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
