package mercato.platform.tokens;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mercato.platform.config.ConfigException;
import mercato.platform.config.TokensConfig;

/**
 * The PEM texts of the keys {@code tokens.keys} lists, read from their files: auth reads
 * the private ones too (it signs), an edge only the public ones (it verifies). The reads
 * block; they happen once, while a verticle starts.
 */
public final class SigningKeys {
  /** A key's id and PEM texts; {@code privatePem} is null when not read or not listed. */
  public record SigningKey(String kid, String publicPem, String privatePem) {}

  private SigningKeys() {}

  /** Every listed key, with its private key when {@code withPrivate} and the key lists one. */
  public static List<SigningKey> read(TokensConfig tokens, boolean withPrivate) {
    List<SigningKey> keys = new ArrayList<>();
    for (TokensConfig.Key key : tokens.keys()) {
      keys.add(new SigningKey(key.kid(), pem(key.name() + ".publicKey", key.publicKey()),
          withPrivate && key.privateKey() != null ? pem(key.name() + ".privateKey", key.privateKey()) : null));
    }
    return List.copyOf(keys);
  }

  private static String pem(String configKey, String path) {
    try {
      return Files.readString(Path.of(path));
    } catch (IOException | InvalidPathException e) {
      throw new ConfigException(configKey, "cannot read " + path + " (scripts/run.sh makes the development key)");
    }
  }
}
