package mercato.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** The checkout the tests run in: the folder holding scripts/services.sh, and what scripts/ keep under .data. */
public final class Repository {
  private Repository() {}

  public static Path root() {
    Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("scripts/services.sh"))) {
        return p;
      }
    }
    throw new AssertionError("no scripts/services.sh above " + dir);
  }

  /**
   * The Kafka broker jars {@code scripts/services.sh up kafka} fetches into .data/lib/kafka
   * (MERCATO_KAFKA_LIB names another folder, e.g. a second checkout's).
   */
  public static Path kafkaLib() {
    String override = System.getenv("MERCATO_KAFKA_LIB");
    Path lib = override != null && !override.isBlank() ? Path.of(override) : root().resolve(".data/lib/kafka");
    if (!Files.isRegularFile(lib.resolve(".complete"))) {
      throw new AssertionError("no Kafka broker jars in " + lib + ": run scripts/services.sh up kafka"
          + " (scripts/test.sh does it for you), or set MERCATO_KAFKA_LIB");
    }
    return lib;
  }
}
