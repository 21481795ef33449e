package mercato.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mercato.DomainsAccess;
import mercato.platform.domain.Domain;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The assembled contract, exactly as the edge serves it at {@code /openapi.yaml} (every
 * domain's fragment, the routes' security and problem responses), passes Redocly's linter
 * with the ruleset of {@code tools/openapi-lint/redocly.yaml}: any error fails the test with
 * the linter's findings; warnings are logged. The linter is the npm package pinned in
 * {@code tools/openapi-lint}, which scripts/test.sh installs with {@code npm ci}.
 */
class ContractLintTest {
  private static final Logger LOG = LoggerFactory.getLogger(ContractLintTest.class);
  private static final Path TOOL = Path.of("tools", "openapi-lint");
  private static final Path OUT = Path.of("target", "contract-lint", "openapi.yaml");
  private static final String INSTALL = "run scripts/test.sh, which installs it (npm ci in " + TOOL + ")";

  @Test
  void theServedContractHasNoLintError() throws IOException, InterruptedException {
    List<Domain> domains = DomainsAccess.all();
    String served = ContractDocument.yaml(ContractDocument.assemble("openapi.yaml",
        domains.stream().map(Domain::name).toList(), DomainsAccess.routes()));
    Files.createDirectories(OUT.getParent());
    Files.writeString(OUT, served, StandardCharsets.UTF_8);

    JsonObject report = lint(OUT.toAbsolutePath());
    JsonObject totals = report.getJsonObject("totals", new JsonObject());
    List<String> errors = findings(report, "error");
    List<String> warnings = findings(report, "warn");
    LOG.info("redocly lint {}: {} errors, {} warnings{}", OUT, totals.getInteger("errors"), totals.getInteger("warnings"),
        warnings.isEmpty() ? "" : "\n  " + String.join("\n  ", warnings));
    assertThat(totals.getInteger("errors", -1))
        .as("redocly lint errors in %s (the contract /openapi.yaml serves):%n  %s", OUT, String.join("\n  ", errors))
        .isZero();
  }

  /** Runs the pinned linter on {@code file} from the tool's folder (so its redocly.yaml applies) and reads its JSON report. */
  private static JsonObject lint(Path file) throws IOException, InterruptedException {
    assertThat(onPath("npx")).as("node and npm are needed to lint the contract: " + INSTALL).isTrue();
    assertThat(TOOL.resolve("node_modules/.bin/redocly")).as("the OpenAPI linter is not installed: " + INSTALL)
        .exists();
    Path report = OUT.resolveSibling("redocly.json");
    Path log = OUT.resolveSibling("redocly.log");
    ProcessBuilder command = new ProcessBuilder("npx", "--no-install", "redocly", "lint", "--format=json", file.toString())
        .directory(TOOL.toFile())
        .redirectOutput(report.toFile())
        .redirectError(log.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    // Nothing leaves the machine: no usage telemetry, no check for a newer version.
    command.environment().put("REDOCLY_TELEMETRY", "off");
    command.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
    Process process = command.start();
    if (!process.waitFor(180, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("redocly lint did not finish in 180 s; its log: " + Files.readString(log));
    }
    String text = Files.readString(report);
    int start = text.indexOf('{');
    assertThat(start).as("redocly lint printed no JSON report (exit %d):%n%s%n%s", process.exitValue(), text,
        Files.readString(log)).isNotNegative();
    return new JsonObject(text.substring(start));
  }

  /** Each finding of {@code severity} as one line: rule, message, where. */
  private static List<String> findings(JsonObject report, String severity) {
    List<String> lines = new ArrayList<>();
    for (Object item : report.getJsonArray("problems", new JsonArray())) {
      JsonObject problem = (JsonObject) item;
      if (!severity.equals(problem.getString("severity"))) {
        continue;
      }
      JsonArray location = problem.getJsonArray("location", new JsonArray());
      String pointer = location.isEmpty() ? "" : location.getJsonObject(0).getString("pointer", "");
      lines.add(problem.getString("ruleId") + ": " + problem.getString("message") + " at " + pointer);
    }
    return lines;
  }

  private static boolean onPath(String command) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }
}
