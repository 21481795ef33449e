package mercato.search;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import mercato.platform.config.ConfigException;
import mercato.platform.config.ConfigReader;

/** The {@code search:} section, read and validated when the search verticle starts. */
record SearchConfig(
    int defaultPageSize,
    int maxQueryLength,
    int fuzzyBelow,
    double fuzzyThreshold,
    List<Long> priceBuckets,
    int sellerFacetSize,
    int suggestionLimit,
    long logFlushMs,
    int logBatchSize,
    int logBufferMax,
    long rebuildPollMs,
    int rebuildPageSize,
    long busTimeoutMs) {

  static SearchConfig read(JsonObject section) {
    ConfigReader search = new ConfigReader(section, "search");
    return new SearchConfig(
        search.integer("defaultPageSize", 1, 100),
        search.integer("maxQueryLength", 10, 1000),
        search.integer("fuzzyBelow", 0, 1000),
        threshold(search),
        buckets(search),
        search.integer("sellerFacetSize", 1, 100),
        search.integer("suggestionLimit", 1, 50),
        search.number("logFlushMs", 10, 60_000),
        search.integer("logBatchSize", 1, 5000),
        search.integer("logBufferMax", 10, 1_000_000),
        search.number("rebuildPollMs", 10, 3_600_000),
        search.integer("rebuildPageSize", 1, 500),
        search.number("busTimeoutMs", 100, 120_000));
  }

  private static double threshold(ConfigReader search) {
    try {
      double value = Double.parseDouble(search.string("fuzzyThreshold"));
      if (value >= 0.05 && value <= 1.0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigException(search.key("fuzzyThreshold"), "expected a number from 0.05 to 1.0");
  }

  /** Ascending, positive bucket edges in minor units. */
  private static List<Long> buckets(ConfigReader search) {
    List<Long> edges = new ArrayList<>();
    for (String edge : search.strings("priceBuckets")) {
      long value;
      try {
        value = Long.parseLong(edge);
      } catch (NumberFormatException e) {
        throw new ConfigException(search.key("priceBuckets"), "expected whole numbers, got \"" + edge + "\"");
      }
      if (value <= 0 || (!edges.isEmpty() && value <= edges.get(edges.size() - 1))) {
        throw new ConfigException(search.key("priceBuckets"), "expected positive edges in ascending order");
      }
      edges.add(value);
    }
    if (edges.isEmpty() || edges.size() > 50) {
      throw new ConfigException(search.key("priceBuckets"), "expected 1 to 50 edges");
    }
    return List.copyOf(edges);
  }
}
