package mercato.platform.route;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One HTTP operation: canonical method and path (OpenAPI style, {@code /products/{id}}),
 * the bus address that serves it, who may call it, the OpenAPI operation that validates
 * it, the rate-limit group, its aliases, the request headers it needs forwarded, and how
 * the operation's result becomes the HTTP answer (200 with the result as body unless said).
 */
public record Route(
    String method,
    String path,
    String address,
    Access access,
    String operationId,
    String limitGroup,
    List<Alias> aliases,
    List<String> forwardHeaders,
    Answer answer) {

  public static Route of(String method, String path, String address, String operationId, Access access) {
    return new Route(method, path, address, access, operationId, "default", List.of(), List.of(), Answer.OK);
  }

  public static Route get(String path, String address, String operationId, Access access) {
    return of("GET", path, address, operationId, access);
  }

  public static Route post(String path, String address, String operationId, Access access) {
    return of("POST", path, address, operationId, access);
  }

  public static Route put(String path, String address, String operationId, Access access) {
    return of("PUT", path, address, operationId, access);
  }

  public static Route delete(String path, String address, String operationId, Access access) {
    return of("DELETE", path, address, operationId, access);
  }

  public Route alias(String aliasPath) {
    return alias(method, aliasPath, Map.of());
  }

  public Route alias(String aliasMethod, String aliasPath, Map<String, String> forced) {
    List<Alias> more = new ArrayList<>(aliases);
    more.add(new Alias(aliasMethod, aliasPath, Map.copyOf(forced)));
    return new Route(method, path, address, access, operationId, limitGroup, List.copyOf(more), forwardHeaders, answer);
  }

  public Route limit(String group) {
    return new Route(method, path, address, access, operationId, group, aliases, forwardHeaders, answer);
  }

  public Route forwarding(String... headers) {
    return new Route(method, path, address, access, operationId, limitGroup, aliases, List.of(headers), answer);
  }

  public Route answers(Answer how) {
    return new Route(method, path, address, access, operationId, limitGroup, aliases, forwardHeaders, how);
  }

  /** The canonical path first, then each alias, as (method, path, forced fields). */
  public List<Alias> mounts() {
    List<Alias> all = new ArrayList<>();
    all.add(new Alias(method, path, Map.of()));
    all.addAll(aliases);
    return all;
  }
}
