package mercato.search;

import static mercato.search.api.SearchAddresses.*;
import static mercato.search.api.SearchEvents.*;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import mercato.platform.bus.Operations;
import mercato.platform.config.ConfigException;
import mercato.platform.config.DbConfig;
import mercato.platform.db.Databases;
import mercato.platform.domain.DomainContext;
import mercato.platform.events.Inbox;
import mercato.platform.work.Rounds;

/**
 * Owns the product search index (fed by catalog, inventory and review events, rebuilt from
 * the catalog on request), suggestions, the search log, and the forwarding of order searches.
 */
final class SearchVerticle extends VerticleBase {
  private final DomainContext context;
  private Pool pool;
  private Operations operations;
  private Inbox inbox;
  private SearchLog log;
  private Rounds rebuilds;
  private long flushTimer = -1;
  private long rebuildTimer = -1;

  SearchVerticle(DomainContext context) {
    this.context = context;
  }

  @Override
  public Future<?> start() {
    SearchConfig config;
    try {
      config = SearchConfig.read(context.section());
    } catch (ConfigException e) {
      return Future.failedFuture(e);
    }
    pool = pool(context.config().db(), config);
    int maxPageSize = context.config().http().maxPageSize();
    log = new SearchLog(pool, context.outbox(), config);
    ProductSearch products = new ProductSearch(pool, config, maxPageSize, log);
    Suggestions suggestions = new Suggestions(pool, config.suggestionLimit());
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
    flushTimer = vertx.setPeriodic(config.logFlushMs(), id -> log.wake());
    Rebuild rebuild = new Rebuild(vertx, pool, config);
    rebuilds = new Rounds("search rebuild", rebuild::poll);
    rebuildTimer = vertx.setPeriodic(config.rebuildPollMs(), id -> rebuilds.wake());
    return Future.all(operations.ready(), inbox.start());
  }

  /**
   * The domain's pool (search_path = search, where pg_trgm lives), with the trigram word
   * similarity threshold set per connection so the fuzzy match's {@code <%} uses the index.
   */
  private Pool pool(DbConfig db, SearchConfig config) {
    PgConnectOptions connect = Databases.connectOptions(db, SearchDomain.NAME)
        .addProperty("pg_trgm.word_similarity_threshold", String.valueOf(config.fuzzyThreshold()));
    PoolOptions options = new PoolOptions().setMaxSize(db.poolSize()).setMaxWaitQueueSize(db.waitQueueSize())
        .setName("mercato-" + SearchDomain.NAME);
    return PgBuilder.pool().with(options).connectingTo(connect).using(vertx).build();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(flushTimer);
    vertx.cancelTimer(rebuildTimer);
    if (rebuilds != null) {
      rebuilds.stop();
    }
    Future<?> flushed = log == null ? Future.succeededFuture() : log.flush().otherwiseEmpty();
    if (log != null) {
      log.stop();
    }
    return Future.join(
            operations == null ? Future.succeededFuture() : operations.close(),
            inbox == null ? Future.succeededFuture() : inbox.stop(),
            flushed)
        .transform(v -> pool == null ? Future.succeededFuture() : pool.close());
  }
}
