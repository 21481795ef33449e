package mercato.testing;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads what reached a topic on the real broker, from its beginning, with a consumer of a
 * fresh group (so earlier runs and other tests never move its offsets). Blocking: for test
 * threads only.
 */
public final class KafkaRecords {
  /** One record as the tests look at it: the key, the JSON value, where it sits. */
  public record Received(String key, JsonObject value, int partition, long offset) {}

  private KafkaRecords() {}

  /**
   * Polls {@code topic} until the records accepted by {@code filter}, in topic order, satisfy
   * {@code done}; fails with what was seen after {@code limit}.
   */
  public static List<Received> read(String topic, Predicate<Received> filter, Predicate<List<Received>> done,
      Duration limit) {
    Services.require("kafka");
    return read(Services.HOST + ":" + Services.KAFKA, topic, filter, done, limit);
  }

  /** As {@link #read(String, Predicate, Predicate, Duration)}, from the broker at {@code bootstrap}. */
  public static List<Received> read(String bootstrap, String topic, Predicate<Received> filter,
      Predicate<List<Received>> done, Duration limit) {
    return read(bootstrap, topic, new StringDeserializer(),
        record -> new Received(record.key(), new JsonObject(record.value()), record.partition(), record.offset()),
        filter, done, limit);
  }

  /**
   * As {@link #read(String, String, Predicate, Predicate, Duration)}, with the values read by
   * {@code values} (a CloudEvents deserializer, say) and each record seen as {@code as} makes it.
   */
  public static <V, T> List<T> read(String bootstrap, String topic, Deserializer<V> values,
      Function<ConsumerRecord<String, V>, T> as, Predicate<T> filter, Predicate<List<T>> done, Duration limit) {
    Map<String, Object> config = Map.of(
        "bootstrap.servers", bootstrap,
        "group.id", "mercato-test-" + UUID.randomUUID(),
        "auto.offset.reset", "earliest",
        "enable.auto.commit", "false",
        // The bridge creates the topic with its own partition count: never auto-create it here,
        // and notice it quickly when it appears.
        "allow.auto.create.topics", "false",
        "metadata.max.age.ms", "1000");
    List<T> seen = new ArrayList<>();
    try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(config, new StringDeserializer(), values)) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + limit.toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(250))) {
          T received = as.apply(record);
          if (filter.test(received)) {
            seen.add(received);
          }
        }
        if (done.test(List.copyOf(seen))) {
          return List.copyOf(seen);
        }
      }
    }
    throw new AssertionError("timed out after " + limit + " reading " + topic + "; matching records seen: " + seen);
  }
}
