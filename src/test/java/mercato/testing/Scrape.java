package mercato.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One scrape of a node's {@code GET /metrics} (the management port), parsed into samples:
 * a metric name, its labels and its value. Tests read counters before and after what they
 * do, and wait for gauges with {@link Await}.
 */
public final class Scrape {
  private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})? (\\S+)(?: \\S+)?$");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  /** One sample line. */
  public record Sample(String name, Map<String, String> labels, double value) {
    /** Whether every {@code key, value} pair given is among the labels. */
    public boolean has(String... pairs) {
      for (int i = 0; i < pairs.length; i += 2) {
        if (!pairs[i + 1].equals(labels.get(pairs[i]))) {
          return false;
        }
      }
      return true;
    }
  }

  private final String text;
  private final List<Sample> samples;

  private Scrape(String text) {
    this.text = text;
    List<Sample> parsed = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      Matcher m = SAMPLE.matcher(line);
      assertThat(m.matches()).as("a Prometheus sample line: " + line).isTrue();
      Map<String, String> labels = new LinkedHashMap<>();
      if (m.group(2) != null) {
        Matcher label = LABEL.matcher(m.group(2));
        while (label.find()) {
          labels.put(label.group(1), label.group(2));
        }
      }
      parsed.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(3))));
    }
    this.samples = List.copyOf(parsed);
  }

  /** Scrapes the management port. */
  public static Scrape of(int managementPort) {
    try (HttpClient management = new HttpClient(managementPort)) {
      HttpResponse<Buffer> response = management.get("/metrics");
      assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
      return new Scrape(response.bodyAsString());
    }
  }

  public static Scrape of(TestNode node) {
    return of(node.node.managementPort());
  }

  public String text() {
    return text;
  }

  public List<Sample> samples(String name, String... pairs) {
    return samples.stream().filter(s -> s.name().equals(name) && s.has(pairs)).toList();
  }

  /** The sum of the samples of {@code name} with these labels (0 when there is none). */
  public double sum(String name, String... pairs) {
    return samples(name, pairs).stream().mapToDouble(Sample::value).sum();
  }

  /** The one sample of {@code name} with these labels, or NaN when there is none. */
  public double value(String name, String... pairs) {
    List<Sample> found = samples(name, pairs);
    assertThat(found.size()).as(name + " " + List.of(pairs) + " matches at most one sample").isLessThanOrEqualTo(1);
    return found.isEmpty() ? Double.NaN : found.get(0).value();
  }

  /** Every metric name that has a sample. */
  public Set<String> names() {
    Set<String> names = new LinkedHashSet<>();
    samples.forEach(s -> names.add(s.name()));
    return names;
  }
}
