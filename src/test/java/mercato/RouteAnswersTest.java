package mercato;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import mercato.platform.domain.Domain;
import mercato.platform.route.Answer;
import mercato.platform.route.Route;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Every route's declared answer is one the contract documents: the status a route gives its
 * results (and the status of its other kind of result) is among the operation's responses in
 * src/main/resources/openapi/*.yaml, and a route answering 200 by default is documented so.
 */
class RouteAnswersTest {
  @Test
  void everyDeclaredStatusIsInTheContract() throws IOException {
    Map<String, Set<String>> documented = documentedResponses();
    List<String> wrong = new ArrayList<>();
    for (Domain domain : Domains.all()) {
      for (Route route : domain.routes()) {
        if (route.operationId() == null || !documented.containsKey(route.operationId())) {
          continue;
        }
        Set<String> responses = documented.get(route.operationId());
        for (Answer answer = route.answer(); answer != null; answer = answer.otherwise()) {
          if (!responses.contains(String.valueOf(answer.status()))) {
            wrong.add(route.method() + " " + route.path() + " answers " + answer.status() + ", contract: " + responses);
          }
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Set<String>> documentedResponses() throws IOException {
    Map<String, Set<String>> byOperation = new HashMap<>();
    try (Stream<Path> files = Files.list(Path.of("src/main/resources/openapi"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
        Map<String, Object> doc;
        try (InputStream in = Files.newInputStream(file)) {
          doc = new Yaml().load(in);
        }
        Map<String, Object> paths = (Map<String, Object>) doc.getOrDefault("paths", Map.of());
        for (Object item : paths.values()) {
          for (Object operation : ((Map<String, Object>) item).values()) {
            if (operation instanceof Map<?, ?> op && op.get("operationId") instanceof String id) {
              Map<Object, Object> responses = (Map<Object, Object>) op.get("responses");
              Set<String> codes = new TreeSet<>();
              if (responses != null) {
                responses.keySet().forEach(code -> codes.add(String.valueOf(code)));
              }
              byOperation.put(id, codes);
            }
          }
        }
      }
    }
    assertThat(byOperation).as("operations read from the contract").hasSizeGreaterThan(50);
    return byOperation;
  }
}
