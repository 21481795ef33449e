package mercato.testing;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/** An ES256 key pair written as PEM files, and access tokens signed with it, for tests. */
public final class TestTokens implements AutoCloseable {
  private final Vertx vertx = Vertx.vertx();
  private final Path dir;
  private final String kid;
  private final JWTAuth signer;

  public TestTokens(String kid) {
    try {
      this.kid = kid;
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair pair = generator.generateKeyPair();
      dir = Files.createTempDirectory("mercato-keys");
      String privatePem = pem("PRIVATE KEY", pair.getPrivate().getEncoded());
      Files.writeString(dir.resolve(kid + ".key.pem"), privatePem);
      Files.writeString(dir.resolve(kid + ".pub.pem"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
      signer = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(
          new PubSecKeyOptions().setAlgorithm("ES256").setBuffer(privatePem).setId(kid)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  /** The configuration that makes a node trust these keys. */
  public String yaml() {
    return "tokens:\n  keys:\n    - kid: " + kid + "\n      publicKey: " + dir.resolve(kid + ".pub.pem")
        + "\n      privateKey: " + dir.resolve(kid + ".key.pem") + "\n";
  }

  public String issue(String sub, String typ, List<String> roles) {
    return sign(new JsonObject().put("sub", sub).put("typ", typ).put("roles", new JsonArray(roles)), 300);
  }

  /** Signs arbitrary claims (iss/aud default to mercato) with the given lifetime. */
  public String sign(JsonObject claims, int expiresInSeconds) {
    return sign(claims, new JWTOptions().setIssuer("mercato").setAudience(List.of("mercato"))
        .setExpiresInSeconds(expiresInSeconds));
  }

  /** Signs arbitrary claims with the given options (issuer, audience, lifetime...). */
  public String sign(JsonObject claims, JWTOptions options) {
    return signer.generateToken(claims.copy().put("jti", UUID.randomUUID().toString()), options.setAlgorithm("ES256"));
  }

  public Path publicKeyFile() {
    return dir.resolve(kid + ".pub.pem");
  }

  public String kid() {
    return kid;
  }

  @Override
  public void close() {
    vertx.close();
  }
}
