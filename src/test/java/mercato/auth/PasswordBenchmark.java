package mercato.auth;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One argon2id verification with the shipped parameters (19 MiB, 2 passes): the work a
 * login costs, so the bound on logins per second per core.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PasswordBenchmark {
  private Passwords passwords;
  private String stored;

  @Setup
  public void setUp() {
    passwords = new Passwords(19456, 2, 1);
    stored = passwords.hash("correct horse battery staple");
  }

  @Benchmark
  public boolean verifyPassword() {
    return passwords.verify("correct horse battery staple", stored);
  }
}
