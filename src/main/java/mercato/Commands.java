package mercato;

import java.io.PrintStream;
import java.sql.SQLException;
import java.util.List;
import mercato.platform.config.MercatoConfig;
import mercato.platform.events.DeadDeliveries;

/** The jar's operator commands; each runs, prints and returns an exit code. */
final class Commands {
  private Commands() {}

  static int run(List<String> command, MercatoConfig config, PrintStream out, PrintStream err) {
    try {
      switch (String.join(" ", command)) {
        case "events dead" -> {
          List<DeadDeliveries.Dead> dead = DeadDeliveries.list(config.db());
          dead.forEach(d -> out.printf("%s seq=%d subscriber=%s type=%s subject=%s failures=%d error=%s%n",
              d.schema(), d.seq(), d.subscriber(), d.type(), d.subject(), d.failures(), d.lastError()));
          out.println(dead.size() + " dead deliveries");
          return 0;
        }
        case "events replay" -> {
          out.println(DeadDeliveries.replay(config.db()) + " dead deliveries queued again");
          return 0;
        }
        default -> {
          err.println("mercato: unknown command '" + String.join(" ", command) + "' (see --help)");
          return 2;
        }
      }
    } catch (SQLException e) {
      err.println("mercato: PostgreSQL at " + config.db().jdbcUrl() + " refused: " + e.getMessage());
      return 1;
    }
  }
}
