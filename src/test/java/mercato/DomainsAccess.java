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

  /** Every domain's name, as roles name them. */
  public static List<String> names() {
    return Domains.all().stream().map(Domain::name).toList();
  }

  /** The domains that own a schema (and so a database of their own, db.<domain>.*). */
  public static List<String> schemas() {
    return Domains.all().stream().filter(Domain::ownsSchema).map(Domain::name).toList();
  }

  public static List<Route> routes() {
    return Domains.all().stream().flatMap(d -> d.routes().stream()).toList();
  }
}
