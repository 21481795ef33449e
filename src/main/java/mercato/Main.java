package mercato;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mercato.platform.config.ConfigException;
import mercato.platform.config.ConfigLoader;
import mercato.platform.config.MercatoConfig;
import mercato.platform.logs.LogFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar mercato.jar [-conf FILE]}: loads the configuration, starts a node with
 * the roles it names, and stops it gracefully on SIGTERM.
 */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);
  static final String USAGE = """
      Usage: java -jar mercato.jar [-conf FILE] [COMMAND]

      Without a command, starts a Mercato node with the roles its configuration names.
      Configuration is read from the defaults in the jar, then FILE (default:
      conf/mercato.yaml when it exists), then system properties (-Dmercato.http.port=8081),
      then environment variables (MERCATO_HTTP_PORT=8081).

      Commands:
        create-admin EMAIL        create an admin account (password from MERCATO_ADMIN_PASSWORD
                                  or the first line of standard input); exits 3 if it exists
        events dead               list event deliveries that gave up, with their last error
        events replay             queue every dead delivery again
        analytics rebuild         recompute the analytics rollups from the stored event facts
        search rebuild            ask the running search verticles to rebuild the product index
                                  from the catalog (one of them does it; events keep flowing)
        search rebuild status     the latest rebuild requests and how far they got

      Options:
        -conf FILE, --conf FILE   the YAML configuration file
        -h, --help                this text
      """;

  private Main() {}

  public static void main(String[] args) {
    int code = run(args, System.out, System.err);
    if (code >= 0) {
      System.exit(code);
    }
  }

  /** Starts the node and returns -1 (keep running), or an exit code (0 help, 2 bad input, 1 failure). */
  static int run(String[] args, PrintStream out, PrintStream err) {
    Path file = Files.exists(Path.of("conf/mercato.yaml")) ? Path.of("conf/mercato.yaml") : null;
    java.util.List<String> command = new java.util.ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("-h") || arg.equals("--help")) {
        out.print(USAGE);
        return 0;
      } else if ((arg.equals("-conf") || arg.equals("--conf")) && i + 1 < args.length) {
        file = Path.of(args[++i]);
      } else if (arg.startsWith("--conf=")) {
        file = Path.of(arg.substring("--conf=".length()));
      } else if (!arg.startsWith("-")) {
        command.add(arg);
      } else {
        err.println("mercato: unknown option '" + arg + "' (see --help)");
        return 2;
      }
    }
    MercatoConfig config;
    try {
      config = MercatoConfig.read(ConfigLoader.load(file, System.getProperties(), System.getenv()));
    } catch (ConfigException e) {
      err.println("mercato: " + e.getMessage());
      return 2;
    }
    if (!LogFormat.use(config.log().format())) {
      LOG.warn("log.format {} not applied: the logback configuration has no Mercato console encoder", config.log().format());
    }
    if (!command.isEmpty()) {
      return Commands.run(command, config, out, err);
    }
    long started = System.nanoTime();
    Node node;
    try {
      node = Node.start(config).await(5, TimeUnit.MINUTES);
    } catch (ConfigException e) {
      err.println("mercato: " + e.getMessage());
      return 2;
    } catch (Exception e) {
      LOG.error("Mercato failed to start", e);
      return 1;
    }
    LOG.info("Mercato started in {} ms{}", (System.nanoTime() - started) / 1_000_000,
        node.httpPort() > 0 ? ", listening on http://" + config.http().host() + ":" + node.httpPort() : "");
    Runtime.getRuntime().addShutdownHook(new Thread(() -> shutdown(node, config.http().shutdownTimeoutMs()), "mercato-shutdown"));
    return -1;
  }

  /** SIGTERM: stop accepting, let in-flight requests finish (bounded), undeploy, close pools. */
  private static void shutdown(Node node, long drainMs) {
    LOG.info("Mercato stopping");
    CountDownLatch stopped = new CountDownLatch(1);
    node.stop().onComplete(done -> stopped.countDown());
    try {
      if (!stopped.await(drainMs + 10_000, TimeUnit.MILLISECONDS)) {
        LOG.warn("Mercato did not stop in time; exiting anyway");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    LOG.info("Mercato stopped");
  }
}
