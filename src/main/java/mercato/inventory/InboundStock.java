package mercato.inventory;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.consumer.KafkaConsumerRecords;
import io.vertx.kafka.client.consumer.OffsetAndMetadata;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import mercato.platform.bus.Problem;
import mercato.platform.config.KafkaConfig;
import mercato.platform.events.ItemFaults;
import mercato.platform.events.SetAside;
import mercato.platform.metrics.NodeMetrics;
import mercato.platform.work.Sequence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stock pushed by third-party warehouses on Kafka. Each record is applied in one
 * transaction together with the record of its message id (a redelivery changes nothing);
 * a malformed, invalid or refused record, one with text {@link mercato.platform.bus.TextRules}
 * refuses, and one the database refuses as data (SQLSTATE class 22/23) is set aside (kind
 * {@code kafka-inbound}) and goes to {@code <topic>.dlt} wrapped with the reason, and the
 * records after it are applied. A transient failure (database or broker away) is retried.
 * A partition's offset is committed only after the effect or the dead letter is.
 * Messages carry no token: the sender is known only by its warehouseId, so the topic must
 * be ACL-protected per warehouse (each warehouse's producer may write only its own id's records).
 * On /metrics: how long ago the record being applied was produced
 * ({@code mercato_inventory_inbound_lag_seconds}, 0 when caught up) and the records applied
 * or refused ({@code mercato_inventory_inbound_records_total}).
 */
final class InboundStock {
  private static final Logger LOG = LoggerFactory.getLogger(InboundStock.class);
  static final String REASON_HEADER = "mercato-dlt-reason";
  /** The set-aside kind of an inbound record that cannot be applied. */
  static final String KIND = "kafka-inbound";
  static final String LAG = "mercato.inventory.inbound.lag";
  static final String RECORDS = "mercato.inventory.inbound.records";

  static final String REMEMBER = """
      INSERT INTO inbound_messages (message_id, warehouse_id, outcome) VALUES ($1, $2, 'applied')
      ON CONFLICT (message_id) DO NOTHING
      RETURNING message_id
      """;
  static final String STOCKED = "SELECT product_id FROM stock WHERE warehouse_id = $1 AND product_id = $2";
  static final String STOCKED_SKU = """
      SELECT s.product_id FROM stock s JOIN products p ON p.product_id = s.product_id
       WHERE s.warehouse_id = $1 AND p.sku = $2 AND NOT p.deleted
      """;
  static final String WAREHOUSE_EXISTS = "SELECT 1 FROM warehouses WHERE id = $1";

  private final Vertx vertx;
  private final Pool pool;
  private final SetAside setAside;
  private final StockBook book;
  private final KafkaConfig kafka;
  private final String topic;
  private final String group;
  private KafkaConsumer<String, String> consumer;
  private KafkaProducer<String, String> producer;
  private volatile boolean stopped;
  // When the record being handled was produced (ms), 0 when every polled record is done:
  // what the lag gauge measures from, with no call of its own.
  private volatile long unfinishedSince;
  private final MeterRegistry registry;
  private final Gauge lag;
  private final Counter applied;
  private final Counter refused;

  InboundStock(Vertx vertx, Pool pool, StockBook book, KafkaConfig kafka, String topic, String group) {
    this.vertx = vertx;
    this.pool = pool;
    this.setAside = new SetAside(vertx, pool, KIND);
    this.book = book;
    this.kafka = kafka;
    this.topic = topic;
    this.group = group;
    this.registry = NodeMetrics.registry(vertx);
    this.lag = Gauge.builder(LAG, this, InboundStock::lagSeconds).baseUnit("seconds")
        .description("How long ago the warehouse record being applied was produced (0: caught up)")
        .strongReference(true).register(registry);
    this.applied = records(registry, "applied");
    this.refused = records(registry, "refused");
  }

  private static Counter records(MeterRegistry registry, String outcome) {
    return Counter.builder(RECORDS).description("Warehouse stock records handled: applied (or a repeat), or refused")
        .tag("outcome", outcome).register(registry);
  }

  /** Seconds since the record being applied was produced; 0 when none is waiting. */
  double lagSeconds() {
    long since = unfinishedSince;
    return since == 0 ? 0 : Math.max(0, System.currentTimeMillis() - since) / 1000.0;
  }

  Future<Void> start() {
    Map<String, String> consumerConfig = new HashMap<>();
    consumerConfig.put("bootstrap.servers", kafka.bootstrapServers());
    consumerConfig.put("group.id", group);
    consumerConfig.put("enable.auto.commit", "false");
    consumerConfig.put("auto.offset.reset", "earliest");
    consumerConfig.put("max.poll.records", "100");
    consumerConfig.put("key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
    consumerConfig.put("value.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
    Map<String, String> producerConfig = new HashMap<>();
    producerConfig.put("bootstrap.servers", kafka.bootstrapServers());
    producerConfig.put("acks", "all");
    producerConfig.put("enable.idempotence", "true");
    producerConfig.put("max.block.ms", String.valueOf(kafka.maxBlockMs()));
    producerConfig.put("delivery.timeout.ms", String.valueOf(kafka.deliveryTimeoutMs()));
    producerConfig.put("request.timeout.ms", String.valueOf(kafka.deliveryTimeoutMs() - 100));
    producerConfig.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
    producerConfig.put("value.serializer", "org.apache.kafka.common.serialization.StringSerializer");
    // Building Kafka's clients loads and checks their configuration: seconds of CPU on a busy
    // machine, so on a worker (the clients still belong to this verticle's context).
    return vertx.executeBlocking(() -> {
      consumer = KafkaConsumer.create(vertx, consumerConfig);
      producer = KafkaProducer.create(vertx, producerConfig);
      return null;
    }).compose(v -> {
      producer.exceptionHandler(failure -> LOG.warn("dead-letter producer: {}", failure.toString()));
      consumer.exceptionHandler(failure -> LOG.warn("inbound stock consumer on {}: {}", topic, failure.toString()));
      return consumer.subscribe(topic);
    }).onSuccess(v -> {
      LOG.info("consuming warehouse stock from {} as group {}", topic, group);
      poll();
    });
  }

  Future<Void> stop() {
    stopped = true;
    registry.remove(lag); // a later deployment on this node registers its own
    return Future.join(consumer == null ? Future.succeededFuture() : consumer.close(),
        producer == null ? Future.succeededFuture() : producer.close()).mapEmpty();
  }

  private void poll() {
    if (stopped) {
      return;
    }
    consumer.poll(Duration.ofMillis(500))
        .compose(this::handleAll)
        .onComplete(done -> {
          if (done.failed() && !stopped) {
            LOG.warn("inbound stock paused after a failure, retrying: {}", done.cause().toString());
            vertx.setTimer(1000, id -> poll());
          } else {
            poll();
          }
        });
  }

  /**
   * One record after another; each partition's offset is committed after its record. On a
   * failure (database or broker away) every partition goes back to its first unfinished record.
   */
  private Future<Void> handleAll(KafkaConsumerRecords<String, String> records) {
    Map<TopicPartition, Long> unfinished = new HashMap<>();
    List<KafkaConsumerRecord<String, String>> batch = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      KafkaConsumerRecord<String, String> record = records.recordAt(i);
      unfinished.putIfAbsent(new TopicPartition(record.topic(), record.partition()), record.offset());
      batch.add(record);
    }
    return Sequence.each(batch, record -> {
      unfinishedSince = record.timestamp() > 0 ? record.timestamp() : System.currentTimeMillis();
      return handle(record).compose(v -> {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        return consumer.commit(Map.of(partition, new OffsetAndMetadata(record.offset() + 1, "")))
            .onSuccess(x -> unfinished.put(partition, record.offset() + 1));
      });
    }).onSuccess(v -> unfinishedSince = 0)
        .recover(failure -> Sequence.each(unfinished.entrySet(), entry -> consumer.seek(entry.getKey(), entry.getValue()))
            .compose(v -> Future.failedFuture(failure)));
  }

  private Future<Void> handle(KafkaConsumerRecord<String, String> record) {
    InboundMessage message;
    try {
      message = InboundMessage.parse(record.value());
    } catch (InboundMessage.Refusal refusal) {
      return deadLetter(record, refusal);
    }
    return pool.withTransaction(tx -> apply(tx, message)).onSuccess(v -> applied.increment()).recover(failure -> {
      if (failure instanceof InboundMessage.Refusal refusal) {
        return deadLetter(record, refusal);
      }
      return ItemFaults.itemsOwn(failure)
          ? deadLetter(record, new InboundMessage.Refusal("data-error", SetAside.describe(failure)))
          : Future.failedFuture(failure);
    });
  }

  /** Applies one message; a repeated message id is a no-op. */
  private Future<Void> apply(SqlConnection tx, InboundMessage message) {
    return tx.preparedQuery(REMEMBER).execute(Tuple.of(message.messageId(), message.warehouseId())).compose(first -> {
      if (first.size() == 0) {
        LOG.debug("inbound message {} already applied", message.messageId());
        return Future.succeededFuture();
      }
      return tx.preparedQuery(WAREHOUSE_EXISTS).execute(Tuple.of(message.warehouseId())).compose(found -> {
        if (found.size() == 0) {
          return Future.failedFuture(new InboundMessage.Refusal("unknown-warehouse", "no warehouse "
              + message.warehouseId()));
        }
        return product(tx, message);
      }).compose(product -> book.lock(tx, List.of(product)).compose(locked -> {
        StockBook.StockRow current = locked.row(product, message.warehouseId());
        int change = StockRules.deltaOnHand(current.onHand(), message.quantity(), message.delta());
        long target = (long) current.onHand() + change;
        if (target < current.reserved() || target > StockLevels.MAX_ON_HAND) {
          return Future.failedFuture(new InboundMessage.Refusal("below-reserved", "on hand would be " + target
              + " with " + current.reserved() + " reserved"));
        }
        if (change == 0) {
          return Future.succeededFuture();
        }
        StockBook.Cause cause = new StockBook.Cause("warehouse:" + message.warehouseId(), message.messageId(),
            "pushed at " + message.timestamp());
        Movement synced = Movement.onHand(product, message.warehouseId(), change, Movement.Reason.SYNC);
        return book.change(tx, locked, synced, cause, Problem.internal())
            .compose(after -> book.thresholdEvents(tx, locked));
      }));
    });
  }

  /** The product the message names, if the warehouse stocks it (an inbound message never starts a row). */
  private Future<UUID> product(SqlConnection tx, InboundMessage message) {
    if (message.productId() != null) {
      return tx.preparedQuery(STOCKED).execute(Tuple.of(message.warehouseId(), message.productId()))
          .compose(rows -> rows.size() == 0
              ? Future.failedFuture(new InboundMessage.Refusal("not-stocked",
                  "product " + message.productId() + " is not stocked in warehouse " + message.warehouseId()))
              : Future.succeededFuture(message.productId()));
    }
    return tx.preparedQuery(STOCKED_SKU).execute(Tuple.of(message.warehouseId(), message.sku())).compose(rows -> {
      if (rows.size() != 1) {
        return Future.failedFuture(new InboundMessage.Refusal(rows.size() == 0 ? "unknown-sku" : "ambiguous-sku",
            "sku " + message.sku() + (rows.size() == 0 ? " is not stocked" : " names several products")
                + " in warehouse " + message.warehouseId()));
      }
      return Future.succeededFuture(rows.iterator().next().getUUID("product_id"));
    });
  }

  /** The original record, wrapped with why it was refused; the reason also travels as a header. */
  private Future<Void> deadLetter(KafkaConsumerRecord<String, String> record, InboundMessage.Refusal refusal) {
    JsonObject wrapper = new JsonObject()
        .put("reason", refusal.reason)
        .put("detail", refusal.getMessage())
        .put("topic", record.topic())
        .put("partition", record.partition())
        .put("offset", record.offset())
        .put("key", record.key())
        .put("value", record.value());
    KafkaProducerRecord<String, String> out = KafkaProducerRecord.create(topic + ".dlt", record.key(), wrapper.encode());
    out.addHeader(REASON_HEADER, refusal.reason);
    String id = record.topic() + "-" + record.partition() + "@" + record.offset();
    return setAside.put(id, refusal.reason + ": " + refusal.getMessage(), wrapper)
        .compose(v -> producer.send(out)).onSuccess(v -> refused.increment()).mapEmpty();
  }
}
