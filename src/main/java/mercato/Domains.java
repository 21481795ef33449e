package mercato;

import java.util.List;
import mercato.platform.domain.Domain;

/** Every domain of Mercato, in start order; the one list that knows them all. */
final class Domains {
  private Domains() {}

  static List<Domain> all() {
    return List.of();
  }
}
