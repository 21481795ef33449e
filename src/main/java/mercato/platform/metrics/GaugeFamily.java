package mercato.platform.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Gauges of one name over a few label sets whose values come from a periodic read (a
 * {@link Sampler}): a scrape only reads the values last set, never the database. A label
 * set seen once stays, at 0 when a later reading lacks it, so a drained backlog shows as
 * 0 rather than as a gap.
 */
public final class GaugeFamily {
  private final MeterRegistry registry;
  private final String name;
  private final String description;
  private final String unit;
  private final List<String> labels;
  private final Map<List<String>, Value> values = new ConcurrentHashMap<>();

  private GaugeFamily(MeterRegistry registry, String name, String description, String unit, List<String> labels) {
    this.registry = registry;
    this.name = name;
    this.description = description;
    this.unit = unit;
    this.labels = labels;
  }

  /** {@code unit} is the base unit ({@code seconds}) or null for a count; {@code labels} the label names. */
  public static GaugeFamily of(MeterRegistry registry, String name, String description, String unit,
      String... labels) {
    return new GaugeFamily(registry, name, description, unit, List.of(labels));
  }

  /** Sets the gauge of these label values (in the order the labels were named). */
  public void set(double value, String... labelValues) {
    value(List.of(labelValues)).current = value;
  }

  /** A whole reading: each label set in it takes its value; every other one seen before goes to 0. */
  public void replace(Map<List<String>, Double> reading) {
    replace(reading, key -> true);
  }

  /**
   * A reading of the label sets {@code scope} accepts (one schema's, say): each label set in
   * it takes its value; every other one in scope seen before goes to 0, the rest keep theirs.
   */
  public void replace(Map<List<String>, Double> reading, Predicate<List<String>> scope) {
    reading.forEach((key, value) -> value(key).current = value);
    values.forEach((key, value) -> {
      if (scope.test(key) && !reading.containsKey(key)) {
        value.current = 0;
      }
    });
  }

  private Value value(List<String> labelValues) {
    if (labelValues.size() != labels.size()) {
      throw new IllegalArgumentException(name + " takes the labels " + labels + ", got " + labelValues);
    }
    return values.computeIfAbsent(List.copyOf(labelValues), key -> {
      Value value = new Value();
      List<String> tags = new ArrayList<>();
      for (int i = 0; i < labels.size(); i++) {
        tags.add(labels.get(i));
        tags.add(key.get(i));
      }
      Gauge.builder(name, value, v -> v.current).description(description).baseUnit(unit)
          .tags(Tags.of(tags.toArray(String[]::new))).strongReference(true).register(registry);
      return value;
    });
  }

  private static final class Value {
    volatile double current;
  }
}
