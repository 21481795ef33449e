package mercato;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import mercato.platform.config.MercatoConfig;
import mercato.platform.domain.DomainContext;
import org.junit.jupiter.api.Test;

/** The module boundaries of DESIGN.md, checked on the compiled main code. */
class ArchitectureTest {
  static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("mercato");

  static final String[] DOMAINS = {"auth", "profile", "catalog", "inventory", "cart", "order", "payment", "email",
      "notification", "review", "affiliate", "search", "analytics"};

  @Test
  void platformKnowsNoDomainNorTheEdge() {
    noClasses().that().resideInAPackage("mercato.platform..")
        .should().dependOnClassesThat().resideInAnyPackage(domainPackages("..", "mercato.http..", "mercato.kafka.."))
        .allowEmptyShould(true)
        .check(MAIN);
  }

  @Test
  void domainsTalkToEachOtherOnlyThroughApiPackages() {
    SlicesRuleDefinition.slices().matching("mercato.(*)..")
        .should().notDependOnEachOther()
        .ignoreDependency(com.tngtech.archunit.base.DescribedPredicate.alwaysTrue(),
            com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage("mercato.platform..", "mercato.*.api.."))
        .ignoreDependency(com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage("mercato"),
            com.tngtech.archunit.base.DescribedPredicate.alwaysTrue())
        .allowEmptyShould(true)
        .check(MAIN);
  }

  @Test
  void theEdgeImportsOnlyDomainApis() {
    noClasses().that().resideInAPackage("mercato.http..")
        .should().dependOnClassesThat().resideInAnyPackage(domainPackages("", ""))
        .allowEmptyShould(true)
        .check(MAIN);
  }

  /** The whole configuration tree: only the config package reads it, and the boot (Node, Main, Commands) may. */
  static final ArchRule NO_WHOLE_CONFIG_TREE = noClasses()
      .that().resideOutsideOfPackage("mercato.platform.config")
      .and(DescribedPredicate.not(JavaClass.Predicates.belongToAnyOf(Node.class, Main.class, Commands.class)))
      .should().callMethod(MercatoConfig.class, "raw")
      .because("each verticle is given only its own section and the shared platform sections (CONVENTIONS.md)");

  /** A domain's section by name: only the domain's own context asks for it (with its own name). */
  static final ArchRule SECTIONS_ONLY_THROUGH_THE_DOMAIN_CONTEXT = noClasses()
      .that().resideOutsideOfPackage("mercato.platform.config")
      .and(DescribedPredicate.not(JavaClass.Predicates.belongToAnyOf(DomainContext.class)))
      .should().callMethod(MercatoConfig.class, "section", String.class)
      .because("a verticle reading another domain's section couples it to that domain's configuration");

  @Test
  void onlyTheConfigPackageAndTheBootReadTheWholeConfigTree() {
    NO_WHOLE_CONFIG_TREE.check(MAIN);
  }

  @Test
  void aDomainSectionIsReadOnlyThroughItsDomainContext() {
    SECTIONS_ONLY_THROUGH_THE_DOMAIN_CONTEXT.check(MAIN);
  }

  /** A class that breaks both config rules, so the rules are shown to catch what they forbid. */
  static final class ReadsAnotherDomainsConfig {
    static Object read(MercatoConfig config) {
      return config.raw().getJsonObject("auth").mergeIn(config.section("analytics"));
    }
  }

  @Test
  void theConfigRulesCatchAReadOfTheTreeOrOfAnotherSection() {
    JavaClasses offender = new ClassFileImporter().importClasses(ReadsAnotherDomainsConfig.class);
    assertThatThrownBy(() -> NO_WHOLE_CONFIG_TREE.check(offender))
        .isInstanceOf(AssertionError.class).hasMessageContaining("MercatoConfig.raw()");
    assertThatThrownBy(() -> SECTIONS_ONLY_THROUGH_THE_DOMAIN_CONTEXT.check(offender))
        .isInstanceOf(AssertionError.class).hasMessageContaining("MercatoConfig.section(java.lang.String)");
  }

  private static String[] domainPackages(String suffix, String... more) {
    java.util.List<String> packages = new java.util.ArrayList<>();
    for (String domain : DOMAINS) {
      packages.add("mercato." + domain + suffix);
    }
    for (String extra : more) {
      if (!extra.isEmpty()) {
        packages.add(extra);
      }
    }
    return packages.toArray(String[]::new);
  }
}
