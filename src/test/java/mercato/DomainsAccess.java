package mercato;

import java.util.List;
import mercato.platform.domain.Domain;
import mercato.platform.route.Route;

/** Lets tests in other packages see every domain Mercato ships and their routes. */
public final class DomainsAccess {
  private DomainsAccess() {}

  public static List<Domain> all() {
    return Domains.all();
  }

  public static List<Route> routes() {
    return Domains.all().stream().flatMap(d -> d.routes().stream()).toList();
  }
}
