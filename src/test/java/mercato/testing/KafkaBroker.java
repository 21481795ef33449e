package mercato.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;

/**
 * A single-node KRaft Kafka broker of the test's own, on free loopback ports, from the jars
 * {@code scripts/services.sh} keeps in .data/lib/kafka: a test may stop and start it
 * without touching the broker the other tests share. Close it in {@code @AfterAll}.
 */
public final class KafkaBroker implements AutoCloseable {
  private static final Duration READY = Duration.ofSeconds(120);

  private final Path lib;
  private final Path dir;
  private final int port;
  private Process process;

  private KafkaBroker(Path lib, Path dir, int port) {
    this.lib = lib;
    this.dir = dir;
    this.port = port;
  }

  /** Formats fresh storage and starts the broker; returns once it answers metadata requests. */
  public static KafkaBroker start() {
    Path lib = Repository.kafkaLib();
    try {
      Path dir = Files.createTempDirectory("mercato-kafka");
      KafkaBroker broker = new KafkaBroker(lib, dir, Services.freePort());
      int controller = Services.freePort();
      Files.writeString(dir.resolve("server.properties"), String.join("\n",
          "process.roles=broker,controller",
          "node.id=1",
          "controller.quorum.bootstrap.servers=" + Services.HOST + ":" + controller,
          "listeners=PLAINTEXT://" + broker.bootstrap() + ",CONTROLLER://" + Services.HOST + ":" + controller,
          "advertised.listeners=PLAINTEXT://" + broker.bootstrap(),
          "controller.listener.names=CONTROLLER",
          "inter.broker.listener.name=PLAINTEXT",
          "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
          "log.dirs=" + dir.resolve("data"),
          "num.partitions=3",
          "default.replication.factor=1",
          "min.insync.replicas=1",
          "offsets.topic.replication.factor=1",
          "offsets.topic.num.partitions=3",
          "transaction.state.log.replication.factor=1",
          "transaction.state.log.min.isr=1",
          "share.coordinator.state.topic.replication.factor=1",
          "share.coordinator.state.topic.min.isr=1",
          "group.initial.rebalance.delay.ms=0",
          "num.network.threads=1",
          "num.io.threads=2", ""));
      int formatted = broker.run("format", List.of("kafka.tools.StorageTool", "format", "--standalone", "-t",
          clusterId(), "-c", dir.resolve("server.properties").toString())).waitFor();
      if (formatted != 0) {
        throw new AssertionError("formatting the test's Kafka storage failed: " + Files.readString(dir.resolve("format.log")));
      }
      try {
        broker.resume();
      } catch (RuntimeException | Error e) {
        broker.close();
        throw e;
      }
      return broker;
    } catch (IOException e) {
      throw new AssertionError("cannot start a Kafka broker from " + lib, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** {@code host:port} for bootstrap.servers. */
  public String bootstrap() {
    return Services.HOST + ":" + port;
  }

  public int port() {
    return port;
  }

  /** Stops the broker (SIGTERM, as an operator would), keeping its storage for {@link #resume()}. */
  public void stop() {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    process = null;
  }

  /** Starts the broker again on the same ports and storage; returns once it answers. */
  public void resume() {
    try {
      process = run("broker", List.of("kafka.Kafka", dir.resolve("server.properties").toString()));
    } catch (IOException e) {
      throw new AssertionError("cannot start a Kafka broker from " + lib, e);
    }
    Await.until("the test's Kafka broker answers on " + bootstrap() + " (log " + dir.resolve("broker.log") + ")",
        READY, this::answers);
  }

  private boolean answers() {
    if (process == null || !process.isAlive()) {
      throw new AssertionError("the test's Kafka broker exited; its log: " + dir.resolve("broker.log"));
    }
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap(), "request.timeout.ms", 2000,
        "default.api.timeout.ms", 3000))) {
      return !admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty();
    } catch (Exception notYet) {
      return false;
    }
  }

  private Process run(String log, List<String> mainAndArgs) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-XX:+UseG1GC", "-cp", lib.resolve("*").toString()));
    command.addAll(mainAndArgs);
    return new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(log + ".log").toFile())).start();
  }

  /** A Kafka cluster id: 16 random bytes, base64url without padding, not starting with '-' (it is a CLI argument). */
  private static String clusterId() {
    SecureRandom random = new SecureRandom();
    byte[] bytes = new byte[16];
    String id;
    do {
      random.nextBytes(bytes);
      id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    } while (id.startsWith("-"));
    return id;
  }

  @Override
  public void close() {
    stop();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new AssertionError("cannot remove " + dir, e);
    }
  }
}
