package mercato.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes in the PHC string format
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}), so each hash records the
 * parameters it was made with and can be upgraded at the next login. The defaults are
 * OWASP's (19 MiB, 2 passes, 1 lane). Hashing is slow on purpose: call these from a
 * worker thread, never from an event loop.
 */
final class Passwords {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getDecoder();
  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;

  private final int memoryKib;
  private final int iterations;
  private final int parallelism;
  /** A hash of nothing anyone knows, verified when the account does not exist (equal timing). */
  private final String decoy;

  Passwords(int memoryKib, int iterations, int parallelism) {
    this.memoryKib = memoryKib;
    this.iterations = iterations;
    this.parallelism = parallelism;
    // Random bytes in a real hash's shape: verifying against it costs one derivation, like a
    // real account's, and none is spent at start (the constructor runs on an event loop).
    this.decoy = phc(random(SALT_BYTES), random(HASH_BYTES));
  }

  String hash(String password) {
    byte[] salt = salt();
    return phc(salt, derive(password, salt, memoryKib, iterations, parallelism));
  }

  private String phc(byte[] salt, byte[] hash) {
    return "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism + "$"
        + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
  }

  /** Whether {@code password} matches {@code phc}; a null hash is checked against a decoy. */
  boolean verify(String password, String phc) {
    String stored = phc == null ? decoy : phc;
    String[] parts = stored.split("\\$");
    if (parts.length != 6 || !parts[1].equals("argon2id")) {
      return false;
    }
    int m = 0;
    int t = 0;
    int p = 0;
    for (String setting : parts[3].split(",")) {
      String[] kv = setting.split("=");
      switch (kv[0]) {
        case "m" -> m = Integer.parseInt(kv[1]);
        case "t" -> t = Integer.parseInt(kv[1]);
        case "p" -> p = Integer.parseInt(kv[1]);
        default -> { }
      }
    }
    byte[] expected = B64D.decode(parts[5]);
    byte[] actual = derive(password, B64D.decode(parts[4]), m, t, p);
    return MessageDigest.isEqual(expected, actual) && phc != null;
  }

  /** Whether a hash was made with weaker parameters than the current ones. */
  boolean outdated(String phc) {
    return phc == null || !phc.contains("$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism + "$");
  }

  private static byte[] salt() {
    return random(SALT_BYTES);
  }

  private static byte[] random(int size) {
    byte[] bytes = new byte[size];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  private static byte[] derive(String password, byte[] salt, int memoryKib, int iterations, int parallelism) {
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
        .withVersion(Argon2Parameters.ARGON2_VERSION_13)
        .withMemoryAsKB(memoryKib)
        .withIterations(iterations)
        .withParallelism(parallelism)
        .withSalt(salt)
        .build());
    byte[] out = new byte[HASH_BYTES];
    generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
    return out;
  }
}
