package mercato.platform.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Map;
import mercato.platform.config.MercatoConfig;
import mercato.platform.events.Subscriptions;
import mercato.testing.TestConfig;
import org.junit.jupiter.api.Test;

/** A domain's context hands out its own section and the shared platform sections, nothing else. */
class DomainContextTest {
  private final MercatoConfig config = TestConfig.of(null, Map.of("catalog.defaultPageSize", "7",
      "auth.accessTokenMinutes", "9"));

  @Test
  void aDomainSeesItsOwnSectionAndNoOtherDomainsKeys() {
    JsonObject catalog = new DomainContext("catalog", config, new Subscriptions()).section();
    assertThat(catalog).isEqualTo(config.section("catalog"));
    assertThat(catalog.getInteger("defaultPageSize")).isEqualTo(7);
    assertThat(catalog.fieldNames()).doesNotContain("accessTokenMinutes", "auth", "admin", "jwt", "db", "http");
    JsonObject auth = new DomainContext("auth", config, new Subscriptions()).section();
    assertThat(auth.getInteger("accessTokenMinutes")).isEqualTo(9);
    assertThat(auth.fieldNames()).doesNotContain("defaultPageSize", "catalog");
  }

  @Test
  void aDomainWithoutASectionSeesAnEmptyOneNotTheTree() {
    assertThat(new DomainContext("pong", config, new Subscriptions()).section()).isEqualTo(new JsonObject());
  }

  @Test
  void changingTheSectionItWasGivenChangesNothingElse() {
    DomainContext context = new DomainContext("catalog", config, new Subscriptions());
    context.section().put("defaultPageSize", 99).put("auth", new JsonObject());
    assertThat(context.section().getInteger("defaultPageSize")).isEqualTo(7);
    assertThat(config.section("catalog").containsKey("auth")).isFalse();
  }

  @Test
  void nothingInTheContextNamesAnotherSectionOrYieldsTheWholeConfiguration() {
    Method[] methods = Arrays.stream(DomainContext.class.getDeclaredMethods())
        .filter(m -> Modifier.isPublic(m.getModifiers())).toArray(Method[]::new);
    assertThat(methods).extracting(Method::getName).contains("section", "db", "redis", "tokens", "traffic");
    for (Method method : methods) {
      assertThat(method.getParameterCount()).as(method.getName() + " takes no section name").isZero();
      assertThat(method.getReturnType()).as(method.getName()).isNotEqualTo(MercatoConfig.class);
      if (method.getReturnType() == JsonObject.class) {
        assertThat(method.getName()).as("the only JSON a context gives is the domain's own section").isEqualTo("section");
      }
    }
    assertThat(Arrays.stream(DomainContext.class.getFields())).as("public fields").isEmpty();
  }

  @Test
  void theSharedSectionsAreTheNodesOwn() {
    DomainContext context = new DomainContext("analytics", config, new Subscriptions());
    assertThat(context.db()).isEqualTo(config.db());
    assertThat(context.redis()).isEqualTo(config.redis());
    assertThat(context.tokens()).isEqualTo(config.tokens());
    assertThat(context.traffic()).isEqualTo(config.traffic());
    assertThat(context.maxPageSize()).isEqualTo(config.http().maxPageSize());
  }
}
