package mercato;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Other domains' names come only from the owner's {@code api} package: a string literal
 * {@code "mercato.<other>."} (an address or event type of another domain, typed again) is
 * refused anywhere in a domain's source. The compiled classes cannot show it (a constant is
 * inlined where it is used), so the source is read; a failure names the file and the line.
 */
class DomainNamesTest {
  private static final Path MAIN = Path.of("src/main/java/mercato");
  private static final Pattern LITERAL = Pattern.compile("\"mercato\\.([a-z]+)\\.[^\"]*\"");

  @Test
  void noDomainSpellsAnotherDomainsNames() throws IOException {
    List<String> found = new ArrayList<>();
    for (String domain : ArchitectureTest.DOMAINS) {
      found.addAll(foreignNames(domain));
    }
    assertThat(found).as("literals naming another domain; use the owner's api constant").isEmpty();
  }

  @Test
  void theRuleSeesALiteralOfAnotherDomain() {
    assertThat(foreign("search", "  static final String X = \"mercato.order.search-orders\";")).isTrue();
    assertThat(foreign("search", "  static final String X = \"mercato.search.find-orders\";")).isFalse();
    assertThat(foreign("search", "  static final String X = \"mercato.inbound.warehouse-stock\";")).isFalse();
  }

  private static List<String> foreignNames(String domain) throws IOException {
    List<String> found = new ArrayList<>();
    Path dir = MAIN.resolve(domain);
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
          if (foreign(domain, lines.get(i))) {
            found.add(file + ":" + (i + 1) + ": " + lines.get(i).strip());
          }
        }
      }
    }
    return found;
  }

  private static boolean foreign(String domain, String line) {
    Matcher m = LITERAL.matcher(line);
    while (m.find()) {
      String owner = m.group(1);
      if (!owner.equals(domain) && List.of(ArchitectureTest.DOMAINS).contains(owner)) {
        return true;
      }
    }
    return false;
  }
}
