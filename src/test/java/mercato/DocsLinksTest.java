package mercato;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every relative link and image in README.md and docs/ names a file that exists, and every
 * {@code #fragment} names a heading of the page it points at (the anchors a Markdown renderer
 * makes: lower case, punctuation dropped, spaces as hyphens, repeats numbered).
 */
class DocsLinksTest {
  private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
  private static final Pattern CODE_SPAN = Pattern.compile("`+[^`]*`+");
  private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");
  private static final Pattern HTML_ANCHOR = Pattern.compile("<a\\s+(?:id|name)=\"([^\"]+)\"");
  private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");

  private final Map<Path, Set<String>> anchors = new HashMap<>();

  @Test
  void everyRelativeLinkResolves() throws IOException {
    List<Path> pages = pages();
    assertThat(pages).contains(Path.of("README.md"), Path.of("docs", "errors.md"));
    List<String> broken = new ArrayList<>();
    for (Path page : pages) {
      for (String target : links(page)) {
        String problem = problem(page, target);
        if (problem != null) {
          broken.add(page + ": (" + target + ") " + problem);
        }
      }
    }
    assertThat(broken).isEmpty();
  }

  @Test
  void readmeLinksEveryPage() throws IOException {
    Set<String> linked = new HashSet<>(links(Path.of("README.md")));
    List<String> unlisted = pages().stream().skip(1)
        .map(page -> page.toString().replace('\\', '/'))
        .filter(page -> !linked.contains(page)).toList();
    assertThat(unlisted).as("docs pages missing from README's table of contents").isEmpty();
  }

  @Test
  void anchorsFollowTheRenderersRules() {
    assertThat(slug("Affiliate links: how `?ref=CODE` reaches the order"))
        .isEqualTo("affiliate-links-how-refcode-reaches-the-order");
    assertThat(slug("Traffic counters (the HTTP edge)")).isEqualTo("traffic-counters-the-http-edge");
    assertThat(slug("Configuration (`search:`)")).isEqualTo("configuration-search");
  }

  private static List<Path> pages() throws IOException {
    List<Path> pages = new ArrayList<>(List.of(Path.of("README.md")));
    try (Stream<Path> docs = Files.walk(Path.of("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    return pages;
  }

  /** The link targets of a page, outside code blocks and code spans. */
  private static List<String> links(Path page) throws IOException {
    List<String> out = new ArrayList<>();
    boolean fenced = false;
    for (String line : Files.readAllLines(page)) {
      if (line.stripLeading().startsWith("```")) {
        fenced = !fenced;
        continue;
      }
      if (fenced) {
        continue;
      }
      Matcher link = LINK.matcher(CODE_SPAN.matcher(line).replaceAll(""));
      while (link.find()) {
        out.add(link.group(1));
      }
    }
    return out;
  }

  /** Why {@code target}, linked from {@code page}, does not resolve; null when it does. */
  private String problem(Path page, String target) throws IOException {
    if (SCHEME.matcher(target).find()) {
      return null;
    }
    int hash = target.indexOf('#');
    String file = hash < 0 ? target : target.substring(0, hash);
    String fragment = hash < 0 ? null : target.substring(hash + 1);
    Path dir = page.getParent() == null ? Path.of("") : page.getParent();
    Path resolved = file.isEmpty() ? page : dir.resolve(URLDecoder.decode(file, StandardCharsets.UTF_8)).normalize();
    if (!Files.exists(resolved)) {
      return "no such file " + resolved;
    }
    if (fragment != null && resolved.toString().endsWith(".md") && !anchorsOf(resolved).contains(fragment)) {
      return "no heading #" + fragment + " in " + resolved;
    }
    return null;
  }

  private Set<String> anchorsOf(Path page) throws IOException {
    Set<String> known = anchors.get(page);
    if (known != null) {
      return known;
    }
    known = new HashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    boolean fenced = false;
    for (String line : Files.readAllLines(page)) {
      if (line.stripLeading().startsWith("```")) {
        fenced = !fenced;
        continue;
      }
      if (fenced) {
        continue;
      }
      Matcher heading = HEADING.matcher(line);
      if (heading.matches()) {
        String slug = slug(heading.group(1));
        int repeats = seen.merge(slug, 1, Integer::sum) - 1;
        known.add(repeats == 0 ? slug : slug + "-" + repeats);
      }
      Matcher html = HTML_ANCHOR.matcher(line);
      while (html.find()) {
        known.add(html.group(1));
      }
    }
    anchors.put(page, known);
    return known;
  }

  private static String slug(String heading) {
    return heading.strip().toLowerCase(java.util.Locale.ROOT)
        .replaceAll("[^\\p{L}\\p{N} _-]", "")
        .replace(' ', '-');
  }
}
