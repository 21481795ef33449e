package mercato.platform.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import mercato.DomainsAccess;
import org.junit.jupiter.api.Test;

/** The API-key scope rule, on made-up routes and on the route table Mercato ships, without Vert.x. */
class ApiScopesTest {
  static final List<Route> ROUTES = DomainsAccess.routes();

  @Test
  void aRoutesScopeIsItsDomainAndWhetherItReads() {
    assertThat(ApiScopes.of(Route.get("/stock", "mercato.inventory.list-stock", "listStock", Access.ANY)))
        .isEqualTo("inventory:read");
    assertThat(ApiScopes.of(Route.put("/stock/{id}", "mercato.inventory.adjust-stock", "adjust", Access.ANY)))
        .isEqualTo("inventory:write");
    assertThat(ApiScopes.of(Route.delete("/things/{id}", "mercato.catalog.delete-thing", "del", Access.PUBLIC)))
        .isEqualTo("catalog:write");
    assertThat(ApiScopes.of(Route.post("/auth/login", "mercato.auth.login", "login", Access.PUBLIC.sessionOnly())))
        .isNull();
  }

  @Test
  void sessionOnlyKeepsTheRestOfTheRule() {
    Access admin = Access.types("admin").orPermission("x:y").verifiedFor("sell").sessionOnly();
    assertThat(admin.apiKeys()).isFalse();
    assertThat(admin.types()).containsExactly("admin");
    assertThat(admin.permission()).isEqualTo("x:y");
    assertThat(admin.verifiedFor()).isEqualTo("sell");
    assertThat(Access.ANY.apiKeys()).isTrue();
    assertThat(Access.types("company").orPermission("a:b").verifiedFor("sell").apiKeys()).isTrue();
  }

  @Test
  void everyScopeOfTheShippedTableIsADomainsReadOrWrite() {
    Set<String> domains = new TreeSet<>();
    DomainsAccess.all().forEach(domain -> domains.add(domain.name()));
    for (String scope : ApiScopes.all(ROUTES)) {
      String[] parts = scope.split(":");
      assertThat(domains).as(scope).contains(parts[0]);
      assertThat(parts[1]).as(scope).isIn("read", "write");
    }
    assertThat(ApiScopes.all(ROUTES)).contains("catalog:read", "catalog:write", "inventory:read", "inventory:write");
  }

  @Test
  void credentialRoutesTakeNoKey() {
    List<String> credentials = List.of("POST /auth/login", "POST /auth/refresh-token", "POST /auth/logout",
        "POST /profile/password-reset-request", "POST /profile/password-reset", "GET /auth/verify-email",
        "POST /auth/verify-email", "POST /auth/verify-email/resend", "POST /auth/api-keys", "GET /auth/api-keys",
        "DELETE /auth/api-keys/{key_id}", "GET /admin/accounts/{account_id}/api-keys",
        "DELETE /admin/accounts/{account_id}/api-keys/{key_id}", "DELETE /profile/me");
    for (String pair : credentials) {
      Route route = ROUTES.stream().filter(r -> (r.method() + " " + r.path()).equals(pair)).findFirst().orElseThrow(
          () -> new AssertionError(pair + " is not a route"));
      assertThat(ApiScopes.of(route)).as(pair).isNull();
    }
  }

  @Test
  void anAccountMayOnlyHaveScopesSomeRouteAdmitsItTo() {
    Set<String> customer = ApiScopes.usable(ROUTES, "customer", permission -> false);
    Set<String> company = ApiScopes.usable(ROUTES, "company", permission -> false);
    Set<String> merchandiser = ApiScopes.usable(ROUTES, "customer", "catalog:categories"::equals);
    Set<String> admin = ApiScopes.usable(ROUTES, "admin", permission -> true);
    assertThat(customer).contains("catalog:read").doesNotContain("catalog:write", "inventory:write");
    assertThat(company).contains("catalog:read", "catalog:write");
    assertThat(merchandiser).contains("catalog:write");
    assertThat(admin).isEqualTo(ApiScopes.all(ROUTES));
  }
}
