package mercato.http;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mercato.testing.TestTokens;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the edge pays per protected request to know the caller: the first sight of an
 * ES256 access token (signature and claims), and every later request with the same token
 * (the verified-token cache).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TokenVerificationBenchmark {
  private Vertx vertx;
  private TestTokens tokens;
  private JwtTokenVerifier verifier;
  private String token;

  @Setup
  public void setUp() throws Exception {
    vertx = Vertx.vertx();
    tokens = new TestTokens("bench");
    verifier = new JwtTokenVerifier(vertx, Map.of("bench", Files.readString(tokens.publicKeyFile())), "ES256",
        "mercato", "mercato");
    token = tokens.sign(new JsonObject().put("sub", "0190b4c2-52c8-7cc3-8a33-3f0e7e2b4a11").put("typ", "customer")
        .put("roles", new JsonArray()), 3600);
  }

  @TearDown
  public void tearDown() {
    tokens.close();
    vertx.close();
  }

  @Benchmark
  public Object firstSight() {
    return verifier.check(token).result();
  }

  @Benchmark
  public Object repeated() {
    return verifier.verify(token).result();
  }
}
