package mercato.auth;

import io.vertx.core.json.JsonObject;
import java.util.List;
import mercato.platform.config.ConfigException;
import mercato.platform.config.ConfigReader;
import mercato.platform.config.TokensConfig;
import mercato.platform.tokens.SigningKeys;
import mercato.platform.tokens.SigningKeys.SigningKey;

/**
 * The {@code auth:} section, validated at start, with what auth needs of the shared
 * {@code tokens:} section to sign access tokens (the keys' PEM texts, private ones included).
 */
record AuthConfig(
    String issuer, String audience, String algorithm, int accessTokenMinutes, int refreshTokenDays,
    List<SigningKey> keys, String adminEmail, String adminPassword,
    int memoryKib, int iterations, int parallelism, int verifyTokenHours, int resetTokenMinutes,
    int loginPerAccount, int loginPerIp, int loginWindowSeconds, int mailPerAddress, int mailWindowSeconds) {

  static AuthConfig read(JsonObject section, TokensConfig tokens) {
    ConfigReader auth = new ConfigReader(section, "auth");
    ConfigReader admin = auth.section("admin");
    ConfigReader password = auth.section("password");
    ConfigReader login = auth.section("loginThrottle");
    ConfigReader mail = auth.section("mailThrottle");
    return new AuthConfig(
        tokens.issuer(), tokens.audience(), tokens.algorithm(),
        auth.integer("accessTokenMinutes", 1, 24 * 60), auth.integer("refreshTokenDays", 1, 365),
        keys(tokens), admin.raw().getString("email", ""), admin.raw().getString("password", ""),
        password.integer("memoryKib", 8192, 4 * 1024 * 1024), password.integer("iterations", 1, 100),
        password.integer("parallelism", 1, 64), auth.integer("verifyTokenHours", 1, 24 * 30),
        auth.integer("resetTokenMinutes", 5, 24 * 60), login.integer("perAccount", 1, 1000),
        login.integer("perIp", 1, 100_000), login.integer("windowSeconds", 10, 86_400),
        mail.integer("perAddress", 1, 1000), mail.integer("windowSeconds", 10, 86_400));
  }

  /** The listed keys; auth signs with the first, so there must be one and it needs its private key. */
  private static List<SigningKey> keys(TokensConfig tokens) {
    if (tokens.keys().isEmpty()) {
      throw new ConfigException("tokens.keys", "must list at least one signing key (auth signs with the first)");
    }
    List<SigningKey> keys = SigningKeys.read(tokens, true);
    if (keys.get(0).privatePem() == null) {
      throw new ConfigException(tokens.keys().get(0).name() + ".privateKey", "the first key signs, so it needs its private key");
    }
    return keys;
  }
}
