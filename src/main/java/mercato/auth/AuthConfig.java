package mercato.auth;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mercato.platform.config.ConfigException;
import mercato.platform.config.ConfigReader;

/** The {@code auth:} section, validated at start. */
record AuthConfig(
    String issuer, String audience, String algorithm, int accessTokenMinutes, int refreshTokenDays,
    List<SigningKey> keys, String adminEmail, String adminPassword,
    int memoryKib, int iterations, int parallelism, int verifyTokenHours, int resetTokenMinutes,
    int loginPerAccount, int loginPerIp, int loginWindowSeconds, int mailPerAddress, int mailWindowSeconds) {

  /** A configured key: its id and the PEM texts (the private one may be absent on verify-only nodes). */
  record SigningKey(String kid, String publicPem, String privatePem) {}

  static AuthConfig read(JsonObject section) {
    ConfigReader auth = new ConfigReader(section, "auth");
    ConfigReader jwt = auth.section("jwt");
    ConfigReader admin = auth.section("admin");
    ConfigReader password = auth.section("password");
    ConfigReader login = auth.section("loginThrottle");
    ConfigReader mail = auth.section("mailThrottle");
    String algorithm = jwt.string("algorithm");
    if (!algorithm.equals("ES256") && !algorithm.equals("RS256")) {
      throw new ConfigException(jwt.key("algorithm"), "expected ES256 or RS256, got \"" + algorithm + "\"");
    }
    return new AuthConfig(
        jwt.string("issuer"), jwt.string("audience"), algorithm,
        jwt.integer("accessTokenMinutes", 1, 24 * 60), jwt.integer("refreshTokenDays", 1, 365),
        keys(jwt), admin.raw().getString("email", ""), admin.raw().getString("password", ""),
        password.integer("memoryKib", 8192, 4 * 1024 * 1024), password.integer("iterations", 1, 100),
        password.integer("parallelism", 1, 64), auth.integer("verifyTokenHours", 1, 24 * 30),
        auth.integer("resetTokenMinutes", 5, 24 * 60), login.integer("perAccount", 1, 1000),
        login.integer("perIp", 1, 100_000), login.integer("windowSeconds", 10, 86_400),
        mail.integer("perAddress", 1, 1000), mail.integer("windowSeconds", 10, 86_400));
  }

  private static List<SigningKey> keys(ConfigReader jwt) {
    JsonArray list = jwt.raw().getJsonArray("keys", new JsonArray());
    if (list.isEmpty()) {
      throw new ConfigException(jwt.key("keys"), "must list at least one signing key");
    }
    List<SigningKey> keys = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JsonObject key = list.getJsonObject(i);
      String where = jwt.key("keys") + "[" + i + "]";
      if (key == null || key.getString("kid") == null || key.getString("publicKey") == null) {
        throw new ConfigException(where, "needs kid and publicKey");
      }
      String privatePath = key.getString("privateKey");
      keys.add(new SigningKey(key.getString("kid"), read(where + ".publicKey", key.getString("publicKey")),
          privatePath == null || privatePath.isBlank() ? null : read(where + ".privateKey", privatePath)));
    }
    if (keys.get(0).privatePem() == null) {
      throw new ConfigException(jwt.key("keys") + "[0].privateKey", "the first key signs, so it needs its private key");
    }
    return List.copyOf(keys);
  }

  private static String read(String key, String path) {
    try {
      return Files.readString(Path.of(path));
    } catch (IOException e) {
      throw new ConfigException(key, "cannot read " + path + " (scripts/run.sh makes the development key)");
    }
  }
}
