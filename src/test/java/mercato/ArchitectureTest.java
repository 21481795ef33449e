package mercato;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
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
