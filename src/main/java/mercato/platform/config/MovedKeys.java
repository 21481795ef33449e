package mercato.platform.config;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;

/**
 * Keys that moved to another section. A configuration that still sets one (in the file, as
 * a system property or as an environment variable) is refused with the key's new name:
 * the old key would otherwise be ignored without a word, and an override of it too (the
 * loader only overrides keys the defaults declare).
 */
final class MovedKeys {
  /** Old key -> its new name. */
  private static final Map<String, String> KEYS = new LinkedHashMap<>();
  /** Old section -> where its keys went (for keys under it that {@link #KEYS} does not name). */
  private static final Map<String, String> SECTIONS = new LinkedHashMap<>();

  static {
    for (String key : List.of("issuer", "audience", "algorithm", "keys")) {
      KEYS.put("auth.jwt." + key, "tokens." + key);
    }
    for (String key : List.of("accessTokenMinutes", "refreshTokenDays")) {
      KEYS.put("auth.jwt." + key, "auth." + key);
    }
    for (String key : List.of("keyPrefix", "minuteTtlHours", "hourTtlDays", "dayTtlDays")) {
      KEYS.put("analytics.traffic." + key, "traffic." + key);
    }
    for (String key : List.of("enabled", "flushMs", "maxVisitorsPerFlush", "maxProductsPerFlush")) {
      KEYS.put("analytics.traffic." + key, "http.traffic." + key);
    }
    KEYS.put("auth.requireVerifiedEmailFor", "http.requireVerifiedEmailFor");
    SECTIONS.put("auth.jwt", "tokens (issuer, audience, algorithm, keys) and auth (accessTokenMinutes, refreshTokenDays)");
    SECTIONS.put("analytics.traffic", "traffic (keyPrefix, minuteTtlHours, hourTtlDays, dayTtlDays) and http.traffic"
        + " (enabled, flushMs, maxVisitorsPerFlush, maxProductsPerFlush)");
  }

  /** A key (or section) that moved and its new name. */
  private record Move(String from, String to) {}

  /** A moved key a configuration still sets, and where. */
  private record Found(Move move, String where) {}

  private MovedKeys() {}

  /**
   * Fails when {@code file} (the user's file, empty when none; {@code origin} names it), a
   * {@code mercato.*} system property or a {@code MERCATO_*} variable sets a moved key. The
   * message names the first such key, its new name and where it was set, then any others.
   */
  static void refuse(JsonObject file, String origin, Properties sys, Map<String, String> env) {
    List<Found> found = new ArrayList<>();
    List<String> leaves = new ArrayList<>();
    collectLeaves(file, "", leaves);
    leaves.forEach(key -> moved(key).ifPresent(move -> found.add(new Found(move, origin))));
    new TreeSet<>(sys.stringPropertyNames()).stream().filter(name -> name.startsWith("mercato."))
        .forEach(name -> moved(name.substring("mercato.".length()))
            .ifPresent(move -> found.add(new Found(move, "system property " + name))));
    new TreeSet<>(env.keySet())
        .forEach(name -> movedEnv(name).ifPresent(move -> found.add(new Found(move, "environment variable " + name))));
    if (found.isEmpty()) {
      return;
    }
    Found first = found.get(0);
    StringBuilder problem = new StringBuilder("has moved to ").append(first.move().to())
        .append(" (set in ").append(first.where()).append(")");
    List<String> others = found.stream().map(Found::move).distinct().filter(move -> !move.equals(first.move()))
        .map(move -> move.from() + " -> " + move.to()).toList();
    if (!others.isEmpty()) {
      problem.append("; also moved: ").append(String.join(", ", others));
    }
    throw new ConfigException(first.move().from(), problem.toString());
  }

  /** The move of {@code key}, or of the moved section it lies in. */
  private static Optional<Move> moved(String key) {
    if (KEYS.containsKey(key)) {
      return Optional.of(new Move(key, KEYS.get(key)));
    }
    return SECTIONS.keySet().stream().filter(section -> key.equals(section) || key.startsWith(section + "."))
        .findFirst().map(section -> new Move(section, SECTIONS.get(section)));
  }

  /** The move of the key an environment variable names ({@code MERCATO_AUTH_JWT_ISSUER}). */
  private static Optional<Move> movedEnv(String name) {
    Optional<Move> key = KEYS.keySet().stream().filter(old -> ConfigLoader.envName(old).equals(name)).findFirst()
        .map(old -> new Move(old, KEYS.get(old)));
    return key.isPresent() ? key : SECTIONS.keySet().stream()
        .filter(section -> name.equals(ConfigLoader.envName(section)) || name.startsWith(ConfigLoader.envName(section) + "_"))
        .findFirst().map(section -> new Move(section, SECTIONS.get(section)));
  }

  private static void collectLeaves(JsonObject node, String prefix, List<String> out) {
    for (String name : node.fieldNames()) {
      String key = prefix.isEmpty() ? name : prefix + "." + name;
      if (node.getValue(name) instanceof JsonObject child && !child.isEmpty()) {
        collectLeaves(child, key, out);
      } else {
        out.add(key);
      }
    }
  }
}
