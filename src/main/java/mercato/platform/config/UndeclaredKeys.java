package mercato.platform.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Keys of the user's file that the defaults do not declare (a misspelt key or section), and
 * keys whose kind differs from their default's (a section where the default is a single value
 * or a list, or the reverse). Merged over the defaults, either would be read by nothing while
 * the operator believes it applies: refused, naming the key in full and the file, with the
 * declared sibling it most likely meant. Lists are not looked into, nor are {@link #OPEN}.
 */
final class UndeclaredKeys {
  /** Sections whose keys are names the operator chooses: the file may add keys under them. */
  static final Set<String> OPEN = Set.of(
      "http.rateLimits"); // one bucket per route group, and a route names any group it likes

  /** A key the file may not set, and why. */
  private record Refused(String key, String problem) {}

  private UndeclaredKeys() {}

  /**
   * Fails when {@code file} (the user's file; {@code origin} names it) sets a key the
   * {@code defaults} do not declare, or one of another kind. The message names the first such
   * key, then any others.
   */
  static void refuse(JsonObject defaults, JsonObject file, String origin) {
    refuseUnknownDatabases(defaults, file, origin);
    List<Refused> found = new ArrayList<>();
    walk(defaults, file, "", found);
    if (found.isEmpty()) {
      return;
    }
    List<String> others = found.stream().skip(1).map(Refused::key).toList();
    throw new ConfigException(found.get(0).key(), "in " + origin + ": " + found.get(0).problem()
        + (others.isEmpty() ? "" : "; also refused: " + String.join(", ", others)));
  }

  private static void walk(JsonObject defaults, JsonObject file, String prefix, List<Refused> found) {
    for (String name : file.fieldNames()) {
      String key = prefix + name;
      Object mine = file.getValue(name);
      Object declared = defaults.getValue(name);
      if (!defaults.containsKey(name)) {
        found.add(new Refused(key, "not a key Mercato reads" + didYouMean(prefix, name, defaults.fieldNames())));
      } else if (mine != null && declared != null && (mine instanceof JsonObject) != (declared instanceof JsonObject)) {
        found.add(new Refused(key, declared instanceof JsonObject ? "expected a section (a mapping), as in the defaults"
            : "expected " + (declared instanceof JsonArray ? "a list" : "a single value") + ", as in the defaults, not a section"));
      } else if (mine instanceof JsonObject section && !OPEN.contains(key) && !prefix.equals("db.")) {
        // db.<domain> takes db:'s own keys, not those of its (empty) default: refuseUnknownDatabases checked it.
        walk((JsonObject) declared, section, key + ".", found);
      }
    }
  }

  /**
   * A {@code db.<domain>} subsection the defaults do not declare (a misspelt domain), a
   * replica for a domain that never reads one, or a key that is not one of {@code db:}'s
   * would leave the domain where it was without a word: refused, naming the key.
   */
  private static void refuseUnknownDatabases(JsonObject defaults, JsonObject own, String origin) {
    JsonObject known = defaults.getJsonObject("db", new JsonObject());
    if (!(own.getValue("db") instanceof JsonObject db)) {
      return;
    }
    List<String> keys = known.fieldNames().stream().filter(k -> !(known.getValue(k) instanceof JsonObject)).toList();
    for (String domain : db.fieldNames()) {
      if (!(db.getValue(domain) instanceof JsonObject mine)) {
        continue;
      }
      String key = "db." + domain;
      if (!(known.getValue(domain) instanceof JsonObject declared)) {
        throw new ConfigException(key, "in " + origin + ": no domain of that name has a database (known: "
            + String.join(", ", known.fieldNames().stream().filter(d -> known.getValue(d) instanceof JsonObject).toList()) + ")");
      }
      for (String name : mine.fieldNames()) {
        if (name.equals(DomainDatabases.REPLICA)) {
          if (!(declared.getValue(DomainDatabases.REPLICA) instanceof JsonObject)) {
            throw new ConfigException(key + "." + name, "in " + origin + ": " + domain
                + " reads only its primary; a replica serves the browsing domains (catalog, search, review)");
          }
          if (mine.getValue(name) instanceof JsonObject replica) {
            String prefix = key + "." + name + ".";
            replica.fieldNames().stream().filter(k -> !keys.contains(k)).findFirst().ifPresent(k -> {
              throw new ConfigException(prefix + k, "in " + origin + ": not a key of db:" + didYouMean(prefix, k, keys));
            });
          }
        } else if (!keys.contains(name)) {
          throw new ConfigException(key + "." + name, "in " + origin + ": not a key of db:" + didYouMean(key + ".", name, keys));
        }
      }
    }
  }

  /**
   * " (did you mean http.bodyLimit?)" when one of the {@code declared} siblings of
   * {@code name} is spelt the same ignoring case or within two edits of it (the closest,
   * the first declared on a tie), else nothing.
   */
  static String didYouMean(String prefix, String name, Collection<String> declared) {
    Optional<String> same = declared.stream().filter(name::equalsIgnoreCase).findFirst();
    Optional<String> close = same.isPresent() ? same : declared.stream().filter(d -> distance(d, name) <= 2)
        .min(Comparator.comparingInt(d -> distance(d, name)));
    return close.map(d -> " (did you mean " + prefix + d + "?)").orElse("");
  }

  /** Levenshtein distance: the fewest one-character insertions, deletions or substitutions from a to b. */
  static int distance(String a, String b) {
    int[] row = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      row[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      int diagonal = row[0];
      row[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int above = row[j];
        row[j] = Math.min(Math.min(row[j] + 1, row[j - 1] + 1), diagonal + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
        diagonal = above;
      }
    }
    return row[b.length()];
  }
}
