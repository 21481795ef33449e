package mercato;

import java.io.PrintStream;
import java.sql.SQLException;
import java.util.List;
import io.vertx.core.Vertx;
import mercato.analytics.RebuildRollups;
import mercato.auth.AdminCommand;
import mercato.auth.AuthDomain;
import mercato.platform.config.MercatoConfig;
import mercato.platform.domain.DomainContext;
import mercato.platform.events.DeadDeliveries;
import mercato.search.RebuildCommand;

/** The jar's operator commands; each runs, prints and returns an exit code. */
final class Commands {
  private Commands() {}

  static int run(List<String> command, MercatoConfig config, PrintStream out, PrintStream err) {
    if (command.get(0).equals("create-admin")) {
      return createAdmin(command, config, out, err);
    }
    try {
      switch (String.join(" ", command)) {
        case "events dead" -> {
          List<DeadDeliveries.Dead> dead = DeadDeliveries.list(config.databases());
          dead.forEach(d -> out.printf("%s kind=outbox id=%d subscriber=%s type=%s subject=%s at=%s failures=%d error=%s%n",
              d.schema(), d.seq(), d.subscriber(), d.type(), d.subject(), d.at(), d.failures(), d.lastError()));
          List<DeadDeliveries.Item> aside = DeadDeliveries.setAside(config.databases());
          aside.forEach(i -> out.printf("%s kind=%s id=%s at=%s error=%s%n",
              i.schema(), i.kind(), i.itemId(), i.at(), i.error()));
          out.println(dead.size() + " dead deliveries (replayable), " + aside.size() + " items set aside");
          return 0;
        }
        case "events replay" -> {
          out.println(DeadDeliveries.replay(config.databases()) + " dead deliveries queued again");
          return 0;
        }
        case "analytics rebuild" -> {
          out.println("analytics rollups rebuilt from the stored facts: " + RebuildRollups.run(config.databases().primary("analytics")) + " rows");
          return 0;
        }
        case "search rebuild" -> {
          out.println("search rebuild " + RebuildCommand.request(config.databases().primary("search"))
              + " requested; a running search verticle starts it within search.rebuildPollMs"
              + " (see: search rebuild status)");
          return 0;
        }
        case "search rebuild status" -> {
          RebuildCommand.status(config.databases().primary("search")).forEach(out::println);
          return 0;
        }
        default -> {
          err.println("mercato: unknown command '" + String.join(" ", command) + "' (see --help)");
          return 2;
        }
      }
    } catch (SQLException e) {
      err.println("mercato: PostgreSQL refused: " + e.getMessage());
      return 1;
    }
  }

  /** create-admin EMAIL, the password from MERCATO_ADMIN_PASSWORD or the first line of standard input. */
  private static int createAdmin(List<String> command, MercatoConfig config, PrintStream out, PrintStream err) {
    if (command.size() != 2) {
      err.println("mercato: usage: create-admin EMAIL (password from MERCATO_ADMIN_PASSWORD or standard input)");
      return 2;
    }
    String password = System.getenv("MERCATO_ADMIN_PASSWORD");
    if (password == null) {
      try {
        password = new java.io.BufferedReader(new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8))
            .readLine();
      } catch (java.io.IOException e) {
        password = null;
      }
    }
    if (password == null || password.isEmpty()) {
      err.println("mercato: create-admin needs a password (MERCATO_ADMIN_PASSWORD or standard input)");
      return 2;
    }
    Vertx vertx = Vertx.vertx();
    try {
      io.vertx.core.json.JsonObject admin = AdminCommand.createAdmin(vertx,
          new DomainContext(AuthDomain.domain().name(), config, Node.subscriptions(config, Domains.all())),
          command.get(1), password).await(2, java.util.concurrent.TimeUnit.MINUTES);
      out.println("admin " + admin.getString("email") + " created with id " + admin.getString("id"));
      return 0;
    } catch (mercato.platform.bus.Problem problem) {
      err.println("mercato: " + problem.detail() + problem.errors().stream()
          .map(e -> " " + e.pointer() + " " + e.detail()).reduce("", String::concat));
      return problem.status() == 409 ? 3 : 2;
    } catch (Exception e) {
      err.println("mercato: create-admin failed: " + e.getMessage());
      return 1;
    } finally {
      vertx.close();
    }
  }
}
