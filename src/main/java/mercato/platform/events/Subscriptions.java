package mercato.platform.events;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which subscriber receives which event types, known to every node (it is declared in
 * code, not discovered), so an event written on one node is fanned out to subscribers
 * that run elsewhere or are not running yet. A pattern is an exact type, a prefix ending
 * in {@code *} ({@code mercato.order.*}), or {@code *} for every event.
 */
public final class Subscriptions {
  private final Map<String, List<String>> patterns = new LinkedHashMap<>();
  private final Map<String, List<String>> exclusions = new LinkedHashMap<>();
  private final Set<String> batching = new HashSet<>();

  public Subscriptions add(String subscriber, List<String> typePatterns) {
    patterns.computeIfAbsent(subscriber, s -> new ArrayList<>()).addAll(typePatterns);
    return this;
  }

  /** Keeps events of {@code types} from {@code subscriber} even where its patterns match. */
  public Subscriptions exclude(String subscriber, List<String> types) {
    exclusions.computeIfAbsent(subscriber, s -> new ArrayList<>()).addAll(types);
    return this;
  }

  /**
   * Marks {@code subscriber} as one that batches what it receives (the Kafka bridge's
   * producer): a relay sends it a whole round at once instead of a few deliveries at a time.
   */
  public Subscriptions batching(String subscriber) {
    batching.add(subscriber);
    return this;
  }

  public boolean batches(String subscriber) {
    return batching.contains(subscriber);
  }

  /** The subscribers that must receive an event of {@code type}. */
  public String[] subscribersOf(String type) {
    List<String> out = new ArrayList<>();
    patterns.forEach((subscriber, list) -> {
      if (exclusions.getOrDefault(subscriber, List.of()).contains(type)) {
        return;
      }
      for (String pattern : list) {
        if (matches(pattern, type)) {
          out.add(subscriber);
          break;
        }
      }
    });
    return out.toArray(String[]::new);
  }

  /**
   * The subscribers whose patterns can match an event written by {@code domain}
   * ({@code mercato.<domain>.*}): the pairs the outbox gauges show from the start, at 0.
   */
  public List<String> subscribersOfDomain(String domain) {
    String prefix = "mercato." + domain + ".";
    List<String> out = new ArrayList<>();
    patterns.forEach((subscriber, list) -> {
      for (String pattern : list) {
        boolean wildcard = pattern.endsWith("*");
        String fixed = wildcard ? pattern.substring(0, pattern.length() - 1) : pattern;
        if (fixed.startsWith(prefix) || (wildcard && prefix.startsWith(fixed))) {
          out.add(subscriber);
          break;
        }
      }
    });
    return out;
  }

  public static String inboxAddress(String subscriber) {
    return "mercato." + subscriber + ".inbox";
  }

  static boolean matches(String pattern, String type) {
    if (pattern.endsWith("*")) {
      return type.startsWith(pattern.substring(0, pattern.length() - 1));
    }
    return pattern.equals(type);
  }
}
