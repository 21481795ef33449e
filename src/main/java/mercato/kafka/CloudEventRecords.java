package mercato.kafka;

import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.producer.KafkaProducerRecord;

/**
 * A domain event as the Kafka record outside consumers read: the CloudEvents Kafka protocol
 * binding 1.0.2 in structured content mode. The value is the whole event in the JSON event
 * format (the same JSON Mercato has always published), the {@code content-type} header names
 * that format so the CloudEvents SDKs decode it instead of assuming binary mode, and the key
 * is the subject, so one aggregate's events share a partition and keep their order.
 */
final class CloudEventRecords {
  static final String CONTENT_TYPE = "content-type";
  /** The JSON event format's media type; the value is UTF-8 ({@code StringSerializer}'s default). */
  static final String STRUCTURED_JSON = "application/cloudevents+json; charset=UTF-8";

  private CloudEventRecords() {}

  /** {@code mercato.order.events} for {@code mercato.order.placed.v1}. */
  static String topicOf(String eventType) {
    String[] parts = eventType.split("\\.");
    return "mercato." + (parts.length > 1 ? parts[1] : "unknown") + ".events";
  }

  /**
   * The record of one event as the relay delivers it ({@code specversion}, {@code id},
   * {@code source}, {@code type}, {@code subject}, {@code time}, {@code datacontenttype},
   * {@code data}); its attributes are taken as they are, so a redelivery carries the same id.
   */
  static KafkaProducerRecord<String, String> of(JsonObject event) {
    KafkaProducerRecord<String, String> record = KafkaProducerRecord.create(
        topicOf(event.getString("type", "")), event.getString("subject"), event.encode());
    record.addHeader(CONTENT_TYPE, STRUCTURED_JSON);
    return record;
  }
}
