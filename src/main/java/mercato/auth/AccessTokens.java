package mercato.auth;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import mercato.platform.tokens.SigningKeys;

/**
 * Signs access tokens with the first configured key (a JWTAuth holding only that key, so
 * the signer never picks another) and publishes every configured public key as a JWKS.
 */
final class AccessTokens {
  /** What a signed token carries besides its text. */
  record Issued(String token, UUID jti, long exp) {}

  private final AuthConfig config;
  private final JWTAuth signer;
  private final JsonObject jwks;

  AccessTokens(Vertx vertx, AuthConfig config) {
    this.config = config;
    SigningKeys.SigningKey current = config.keys().get(0);
    this.signer = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions()
        .setAlgorithm(config.algorithm()).setBuffer(current.privatePem()).setId(current.kid())));
    JsonArray keys = new JsonArray();
    config.keys().forEach(key -> keys.add(jwk(key.kid(), key.publicPem(), config.algorithm())));
    this.jwks = new JsonObject().put("keys", keys);
  }

  Issued issue(Account account, List<String> roles, UUID sessionId) {
    UUID jti = UUID.randomUUID();
    long now = System.currentTimeMillis() / 1000;
    long exp = now + config.accessTokenMinutes() * 60L;
    JsonObject claims = new JsonObject()
        .put("sub", account.id().toString())
        .put("typ", account.type())
        .put("roles", new JsonArray(roles))
        .put("email_verified", account.emailVerified())
        .put("jti", jti.toString())
        .put("sid", sessionId.toString())
        .put("exp", exp);
    String token = signer.generateToken(claims, new JWTOptions()
        .setAlgorithm(config.algorithm())
        .setIssuer(config.issuer())
        .setAudience(List.of(config.audience())));
    return new Issued(token, jti, exp);
  }

  int lifetimeSeconds() {
    return config.accessTokenMinutes() * 60;
  }

  JsonObject jwks() {
    return jwks.copy();
  }

  static JsonObject jwk(String kid, String pem, String algorithm) {
    PublicKey key = publicKey(pem, algorithm.startsWith("ES") ? "EC" : "RSA");
    JsonObject jwk = new JsonObject().put("kid", kid).put("alg", algorithm).put("use", "sig");
    if (key instanceof ECPublicKey ec) {
      return jwk.put("kty", "EC").put("crv", "P-256")
          .put("x", b64(unsigned(ec.getW().getAffineX(), 32)))
          .put("y", b64(unsigned(ec.getW().getAffineY(), 32)));
    }
    RSAPublicKey rsa = (RSAPublicKey) key;
    return jwk.put("kty", "RSA")
        .put("n", b64(unsigned(rsa.getModulus(), (rsa.getModulus().bitLength() + 7) / 8)))
        .put("e", b64(rsa.getPublicExponent().toByteArray()));
  }

  private static PublicKey publicKey(String pem, String family) {
    String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    try {
      return KeyFactory.getInstance(family).generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(body)));
    } catch (Exception e) {
      throw new IllegalStateException("not a " + family + " public key in PEM form", e);
    }
  }

  private static byte[] unsigned(BigInteger value, int length) {
    byte[] bytes = value.toByteArray();
    if (bytes.length == length) {
      return bytes;
    }
    byte[] out = new byte[length];
    int copy = Math.min(bytes.length, length);
    System.arraycopy(bytes, bytes.length - copy, out, length - copy, copy);
    return out;
  }

  private static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

}
