package mercato;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import mercato.platform.config.ConfigException;
import mercato.platform.config.MercatoConfig;
import mercato.platform.domain.Domain;

/** Resolves the {@code roles} list into what this node deploys. */
record Roles(boolean http, boolean kafka, List<Domain> domains) {
  static final String ALL = "all";
  static final String DOMAINS = "domains";
  static final String HTTP = "http";
  static final String KAFKA = "kafka";

  static Roles resolve(MercatoConfig config, List<Domain> known) {
    Set<String> names = new LinkedHashSet<>(config.roles());
    boolean all = names.remove(ALL);
    boolean everyDomain = all || names.remove(DOMAINS);
    boolean http = all || names.remove(HTTP);
    boolean kafka = (all || names.remove(KAFKA)) && config.kafka().enabled();
    names.remove(KAFKA);
    List<Domain> domains = new ArrayList<>();
    for (Domain domain : known) {
      if (everyDomain || names.remove(domain.name())) {
        domains.add(domain);
      }
    }
    if (!names.isEmpty()) {
      List<String> valid = new ArrayList<>(List.of(ALL, DOMAINS, HTTP, KAFKA));
      known.forEach(d -> valid.add(d.name()));
      throw new ConfigException("roles", "unknown role " + names + "; known: " + String.join(", ", valid));
    }
    return new Roles(http, kafka, domains);
  }
}
