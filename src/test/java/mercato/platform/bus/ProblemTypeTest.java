package mercato.platform.bus;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The problem table is docs/errors.md's list of types, and a problem crossing the bus keeps its type. */
class ProblemTypeTest {
  private static final Pattern ROW = Pattern.compile("^\\| (\\d{3}) \\| `([a-z-]+)` \\| ([^|]+) \\|");

  @Test
  void errorsPageListsExactlyTheTable() throws IOException {
    String page = Files.readString(Path.of("docs/errors.md"));
    assertThat(page).startsWith("# Errors\n");
    int end = page.indexOf("\n## ");
    String errors = end < 0 ? page : page.substring(0, end);
    List<String> documented = new ArrayList<>();
    for (String line : errors.split("\n")) {
      Matcher row = ROW.matcher(line);
      if (row.find()) {
        documented.add(row.group(1) + " " + row.group(2) + " " + row.group(3).strip());
      }
    }
    List<String> table = Arrays.stream(ProblemType.values())
        .map(type -> type.status() + " " + type.slug() + " " + type.title()).toList();
    assertThat(documented).containsExactlyElementsOf(table);
  }

  @Test
  void slugsAreUniqueAndStatusesAreErrors() {
    for (ProblemType type : ProblemType.values()) {
      assertThat(ProblemType.bySlug(type.slug())).isSameAs(type);
      assertThat(type.status()).isBetween(400, 599);
    }
  }

  @Test
  void aProblemKeepsItsTypeOverTheBus() {
    Problem sent = new Problem(ProblemType.OUT_OF_STOCK, "Only 2 left.",
        List.of(new Problem.FieldError("/lines/0/quantity", "is more than is available")), null);
    Problem received = Problem.from(new ReplyException(ReplyFailure.RECIPIENT_FAILURE, sent.status(), sent.encode()));
    assertThat(received.type()).isSameAs(ProblemType.OUT_OF_STOCK);
    assertThat(received.title()).isEqualTo("Out of stock");
    assertThat(received.detail()).isEqualTo("Only 2 left.");
    assertThat(received.errors()).containsExactlyElementsOf(sent.errors());
    Problem unknown = Problem.from(new ReplyException(ReplyFailure.RECIPIENT_FAILURE, 409,
        "{\"type\":\"/problems/made-up\",\"title\":\"Made up\",\"status\":409}"));
    assertThat(unknown.type()).isSameAs(ProblemType.INTERNAL);
  }
}
