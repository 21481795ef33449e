package mercato.catalog;

import io.vertx.core.json.JsonObject;
import mercato.platform.config.ConfigReader;

/** The {@code catalog:} section: product cache lifetimes and sizes, and the default page size. */
record CatalogConfig(int cacheTtlSeconds, int localCacheSize, int localCacheSeconds, int defaultPageSize) {
  static CatalogConfig read(JsonObject section) {
    ConfigReader catalog = new ConfigReader(section, "catalog");
    return new CatalogConfig(
        catalog.integer("cacheTtlSeconds", 1, 86_400),
        catalog.integer("localCacheSize", 0, 10_000_000),
        catalog.integer("localCacheSeconds", 1, 86_400),
        catalog.integer("defaultPageSize", 1, 10_000));
  }
}
