package mercato.platform.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code tokens:} section: the access tokens (JWT) auth signs and every edge verifies,
 * so both read the same issuer, audience, algorithm and keys. Lifetimes are auth's own
 * ({@code auth.accessTokenMinutes}); an empty key list leaves an edge refusing every token.
 */
public record TokensConfig(String issuer, String audience, String algorithm, List<Key> keys) {

  /**
   * A listed key: its {@code kid} and the paths of its PEM files (PKCS#8 private, X.509
   * public). {@code privateKey} is null when only the public key is listed (a retired key,
   * a node that only verifies). {@code name} is its config key, {@code tokens.keys[0]}.
   */
  public record Key(String name, String kid, String publicKey, String privateKey) {}

  static TokensConfig read(ConfigReader tokens) {
    String algorithm = tokens.string("algorithm");
    if (!algorithm.equals("ES256") && !algorithm.equals("RS256")) {
      throw new ConfigException(tokens.key("algorithm"), "expected ES256 or RS256, got \"" + algorithm + "\"");
    }
    return new TokensConfig(tokens.string("issuer"), tokens.string("audience"), algorithm, keys(tokens));
  }

  private static List<Key> keys(ConfigReader tokens) {
    Object value = tokens.raw().getValue("keys");
    if (value == null) {
      throw new ConfigException(tokens.key("keys"), "is missing");
    }
    if (!(value instanceof JsonArray list)) {
      throw new ConfigException(tokens.key("keys"), "expected a list of {kid, publicKey, privateKey}");
    }
    List<Key> keys = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String name = tokens.key("keys") + "[" + i + "]";
      if (!(list.getValue(i) instanceof JsonObject key) || blank(key.getValue("kid")) || blank(key.getValue("publicKey"))) {
        throw new ConfigException(name, "needs kid and publicKey");
      }
      String privateKey = key.getValue("privateKey") == null ? null : key.getValue("privateKey").toString().trim();
      keys.add(new Key(name, key.getValue("kid").toString().trim(), key.getValue("publicKey").toString().trim(),
          privateKey == null || privateKey.isEmpty() ? null : privateKey));
    }
    return List.copyOf(keys);
  }

  private static boolean blank(Object value) {
    return value == null || value instanceof JsonObject || value instanceof JsonArray || value.toString().isBlank();
  }
}
