package mercato.kafka;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.admin.KafkaAdminClient;
import io.vertx.kafka.admin.NewTopic;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import mercato.platform.bus.Problem;
import mercato.platform.bus.ProblemType;
import mercato.platform.config.KafkaConfig;
import mercato.platform.events.Subscriptions;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes every domain event to Kafka for consumers outside Mercato: a structured-mode
 * CloudEvents record ({@link CloudEventRecords}) on {@code mercato.<domain>.events}, keyed by
 * subject, with {@code acks=all} and idempotence. A delivery is acknowledged to the relay only after
 * Kafka acknowledged the record; while the broker is away the relay keeps the events in
 * the outbox (a 503 reply does not count towards the dead state) and sends them, in
 * order per subject, when it returns. A record Kafka refuses for good (too large) is
 * answered 422, so the relay sets that one event aside and the subject's next ones go on.
 */
public final class KafkaBridgeVerticle extends VerticleBase {
  public static final String SUBSCRIBER = "kafka";
  private static final Logger LOG = LoggerFactory.getLogger(KafkaBridgeVerticle.class);

  private final KafkaConfig config;
  private final Set<String> ensuredTopics = ConcurrentHashMap.newKeySet();
  private KafkaProducer<String, String> producer;
  private KafkaAdminClient admin;
  private MessageConsumer<JsonObject> consumer;
  private long lastWarning;

  public KafkaBridgeVerticle(KafkaConfig config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    Map<String, String> producerConfig = new HashMap<>();
    producerConfig.put("bootstrap.servers", config.bootstrapServers());
    producerConfig.put("acks", "all");
    producerConfig.put("enable.idempotence", "true");
    producerConfig.put("max.in.flight.requests.per.connection", "5");
    producerConfig.put("max.block.ms", String.valueOf(config.maxBlockMs()));
    producerConfig.put("delivery.timeout.ms", String.valueOf(config.deliveryTimeoutMs()));
    producerConfig.put("request.timeout.ms", String.valueOf(config.deliveryTimeoutMs() - 100));
    producerConfig.put("linger.ms", "5");
    producerConfig.put("reconnect.backoff.max.ms", "2000");
    producerConfig.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
    producerConfig.put("value.serializer", "org.apache.kafka.common.serialization.StringSerializer");
    // Building Kafka's clients loads and checks their configuration: seconds of CPU on a busy
    // machine, so on a worker (the clients still belong to this verticle's context).
    return vertx.executeBlocking(() -> {
      producer = KafkaProducer.create(vertx, producerConfig);
      admin = KafkaAdminClient.create(vertx, Map.of(
          "bootstrap.servers", config.bootstrapServers(),
          "request.timeout.ms", String.valueOf(config.maxBlockMs()),
          "default.api.timeout.ms", String.valueOf(config.maxBlockMs() + 500)));
      return null;
    }).compose(v -> {
      producer.exceptionHandler(this::warn);
      consumer = vertx.eventBus().consumer(Subscriptions.inboxAddress(SUBSCRIBER), this::publish);
      return consumer.completion();
    });
  }

  @Override
  public Future<?> stop() {
    return Future.join(consumer.unregister(), producer.close(), admin.close());
  }

  private void publish(Message<JsonObject> message) {
    JsonObject event = message.body();
    KafkaProducerRecord<String, String> record = CloudEventRecords.of(event);
    String topic = record.topic();
    ensureTopic(topic)
        .compose(v -> producer.send(record))
        .timeout(config.maxBlockMs() + config.deliveryTimeoutMs(), java.util.concurrent.TimeUnit.MILLISECONDS)
        .onSuccess(metadata -> message.reply(new JsonObject()
            .put("topic", metadata.getTopic()).put("partition", metadata.getPartition()).put("offset", metadata.getOffset())))
        .onFailure(failure -> {
          Problem problem;
          if (refusedForGood(failure)) {
            problem = new Problem(ProblemType.UNPROCESSABLE_EVENT,
                "event " + event.getString("id") + " cannot go to " + topic + ": " + failure);
          } else {
            warn(failure);
            problem = Problem.unavailable("Kafka did not take the record: " + failure.getMessage());
          }
          message.fail(problem.status(), problem.encode());
        });
  }

  /**
   * A record Kafka will never take, whatever the broker's health (too large, unserialisable, a
   * topic name it rejects): the relay sets it aside at once instead of holding its subject back.
   */
  static boolean refusedForGood(Throwable failure) {
    for (Throwable f = failure; f != null; f = f.getCause() == f ? null : f.getCause()) {
      if (f instanceof RecordTooLargeException || f instanceof SerializationException
          || f instanceof InvalidTopicException) {
        return true;
      }
    }
    return false;
  }

  /** Creates the topic with the configured partitions before its first record. */
  private Future<Void> ensureTopic(String topic) {
    if (ensuredTopics.contains(topic)) {
      return Future.succeededFuture();
    }
    return admin.createTopics(List.of(new NewTopic(topic, config.partitions(), (short) config.replicationFactor())))
        .recover(failure -> String.valueOf(failure.getMessage()).contains("already exists")
            || failure.getClass().getSimpleName().equals("TopicExistsException")
            || (failure.getCause() != null && failure.getCause().getClass().getSimpleName().equals("TopicExistsException"))
            ? Future.succeededFuture() : Future.failedFuture(failure))
        .onSuccess(v -> ensuredTopics.add(topic));
  }

  private void warn(Throwable failure) {
    long now = System.currentTimeMillis();
    if (now - lastWarning > 10_000) {
      lastWarning = now;
      LOG.warn("Kafka is unreachable, events wait in the outbox: {}", failure.toString());
    }
  }
}
