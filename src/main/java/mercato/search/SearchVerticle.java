package mercato.search;

import static mercato.search.api.SearchAddresses.*;
import static mercato.search.api.SearchEvents.*;

import io.vertx.core.Future;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import mercato.platform.bus.Operations;
import mercato.platform.config.DbConfig;
import mercato.platform.db.Databases;
import mercato.platform.db.ReadPools;
import mercato.platform.domain.DomainContext;
import mercato.platform.domain.DomainVerticle;
import mercato.platform.events.Inbox;
import mercato.platform.events.SetAside;
import mercato.platform.metrics.NodeMetrics;
import mercato.platform.work.Rounds;

/**
 * Owns the product search index (fed by catalog, inventory and review events, rebuilt from
 * the catalog on request), suggestions, the search log, and the forwarding of order searches.
 */
final class SearchVerticle extends DomainVerticle {
  SearchVerticle(DomainContext context) {
    super(context);
  }

  @Override
  protected Future<?> deploy() {
    SearchConfig config = SearchConfig.read(context.section());
    pool = pool(context.db(), config, "mercato-" + SearchDomain.NAME);
    ReadPools reads = openReadPools((db, name) -> pool(db, config, name));
    int maxPageSize = context.maxPageSize();
    SearchLog log = new SearchLog(pool, context.outbox(), new SetAside(vertx, pool, SearchLog.KIND), config);
    io.micrometer.core.instrument.Gauge.builder("mercato.search.log.unwritten", log, SearchLog::waiting)
        .description("Search log entries not yet written (buffered or being written)")
        .register(NodeMetrics.registry(vertx));
    onStop(() -> {
      Future<?> flushed = log.flush().otherwiseEmpty();
      log.stop();
      return flushed;
    });
    ProductSearch products = new ProductSearch(reads, config, maxPageSize, log);
    Suggestions suggestions = new Suggestions(reads, config.suggestionLimit());
    OrderSearch orders = new OrderSearch(vertx, config.busTimeoutMs(), config.maxQueryLength());
    SearchLogReport report = new SearchLogReport(pool, config.defaultPageSize(), maxPageSize);
    operations = new Operations(vertx)
        .on(FIND_PRODUCTS, products::find)
        .on(SUGGEST, suggestions::suggest)
        .on(FIND_ORDERS, orders::find)
        .on(LIST_LOGS, report::list);
    inbox = new Inbox(vertx, SearchDomain.NAME, pool)
        .on(PRODUCT_CREATED, ProductIndex::productChanged)
        .on(PRODUCT_UPDATED, ProductIndex::productChanged)
        .on(PRODUCT_DELETED, ProductIndex::productDeleted)
        .on(CATEGORY_UPDATED, ProductIndex::categoryUpdated)
        .on(STOCK_CHANGED, ProductIndex::stockChanged)
        .on(RATING_CHANGED, ProductIndex::ratingChanged);
    every(config.logFlushMs(), log::wake);
    Rebuild rebuild = new Rebuild(vertx, pool, config);
    every(config.rebuildPollMs(), new Rounds("search rebuild", rebuild::poll));
    return ready();
  }

  /**
   * The domain's pool (search_path = search, where pg_trgm lives), with the trigram word
   * similarity threshold set per connection so the fuzzy match's {@code <%} uses the index.
   */
  private Pool pool(DbConfig db, SearchConfig config, String name) {
    PgConnectOptions connect = Databases.connectOptions(db, SearchDomain.NAME)
        .addProperty("pg_trgm.word_similarity_threshold", String.valueOf(config.fuzzyThreshold()));
    return Databases.pool(vertx, connect, Databases.options(db, db.poolSize(), name));
  }
}
