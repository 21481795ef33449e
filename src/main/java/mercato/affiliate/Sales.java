package mercato.affiliate;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import mercato.affiliate.CommissionRepository.Filter;
import mercato.platform.bus.Envelope;
import mercato.platform.bus.Fields;
import mercato.platform.bus.Pages;
import mercato.platform.bus.Principal;
import mercato.platform.bus.Outcome;
import mercato.platform.bus.Problem;
import mercato.platform.bus.ProblemType;
import mercato.platform.bus.QueryParams;
import mercato.platform.ids.Ids;

/**
 * Attributed sales and commissions: the list (an affiliate its own, an admin all or one
 * programme's) with totals per status and currency over the whole filter, and the manual
 * commission an admin records, idempotent by its external reference.
 */
final class Sales {
  static final Set<String> STATUSES = Set.of("pending", "approved", "paid");
  static final int MAX_REFERENCE = 200;
  static final int MAX_NOTE = 500;
  private static final Pattern CURRENCY = Pattern.compile("^[A-Z]{3}$");

  private final Pool pool;
  private final Attribution attribution;
  private final int maxPage;

  Sales(Pool pool, Attribution attribution, int maxPage) {
    this.pool = pool;
    this.attribution = attribution;
    this.maxPage = maxPage;
  }

  /** GET /affiliate-sales?affiliateId=&status=&from=&to=&limit=&cursor=. */
  Future<?> list(Envelope envelope) {
    Principal principal = envelope.requirePrincipal();
    String asked = envelope.queryParam("affiliateId");
    UUID affiliateId = asked == null ? null : Ids.parse(asked);
    if (asked != null && affiliateId == null) {
      throw Problem.invalidField("/affiliateId", "must be a UUID");
    }
    String status = envelope.queryParam("status");
    if (status != null && !STATUSES.contains(status)) {
      throw Problem.invalidField("/status", "must be pending, approved or paid");
    }
    var from = QueryParams.periodBound(envelope.query(), "from", false);
    var to = QueryParams.periodBound(envelope.query(), "to", true);
    int limit = Pages.limit(envelope, maxPage);
    UUID cursor = Pages.idCursor(envelope);
    Future<UUID> scope;
    if (principal.isAdmin()) {
      scope = Future.succeededFuture(affiliateId);
    } else {
      scope = AffiliateRepository.one(pool, AffiliateRepository.LIVE_BY_ACCOUNT, Ids.parse(principal.sub()))
          .compose(own -> {
            if (affiliateId != null && (own == null || !own.id().equals(affiliateId))) {
              return Future.failedFuture(Problem.forbidden("An affiliate sees its own sales only."));
            }
            return Future.succeededFuture(own == null ? null : own.id());
          });
    }
    return scope.compose(id -> {
      if (id == null && !principal.isAdmin()) {
        return Future.succeededFuture(page(new JsonArray(), null, new JsonArray()));
      }
      Filter filter = new Filter(id, status, from, to);
      return Future.all(CommissionRepository.list(pool, filter, cursor, limit), CommissionRepository.totals(pool, filter))
          .map(both -> {
            java.util.List<Commission> found = both.resultAt(0);
            JsonArray items = new JsonArray();
            found.forEach(c -> items.add(c.toJson()));
            String next = found.size() == limit ? found.get(found.size() - 1).id().toString() : null;
            return page(items, next, both.resultAt(1));
          });
    });
  }

  private static JsonObject page(JsonArray items, String next, JsonArray totals) {
    return new JsonObject().put("items", items).put("nextCursor", next).put("totals", totals);
  }

  /** A manual sale as recorded: {@code hash} is the body's, {@code recordedBy} the admin (null for an internal caller). */
  private record ManualSale(UUID affiliateId, UUID orderId, long amount, String currency, String reference,
      String hash, String note, UUID recordedBy) {}

  /** POST /affiliate-sales: {affiliateId, orderId?, amount: Money, externalReference, note?}. */
  Future<?> record(Envelope envelope) {
    JsonObject body = envelope.bodyObject();
    Fields.only(body, Set.of("affiliateId", "orderId", "amount", "externalReference", "note"),
        ProgrammeFields.NOT_ALLOWED);
    UUID affiliateId = Fields.id(body, "affiliateId");
    UUID orderId = body.getValue("orderId") == null ? null : Fields.id(body, "orderId");
    JsonObject money = body.getValue("amount") instanceof JsonObject m ? m : null;
    if (money == null || !(money.getValue("amount") instanceof Number n) || n.longValue() < 1
        || n.doubleValue() != n.longValue()) {
      throw Problem.invalidField("/amount/amount", "must be a positive integer of minor units");
    }
    long amount = money.getLong("amount");
    if (!(money.getValue("currency") instanceof String currency) || !CURRENCY.matcher(currency).matches()) {
      throw Problem.invalidField("/amount/currency", "must be an ISO 4217 code such as EUR");
    }
    String reference = Fields.text(body, "externalReference", MAX_REFERENCE);
    String note = Fields.optionalText(body, "note", MAX_NOTE);
    String hash = hash(new JsonObject().put("affiliateId", affiliateId.toString())
        .put("orderId", orderId == null ? null : orderId.toString()).put("amount", amount).put("currency", currency)
        .put("note", note).encode());
    UUID recordedBy = envelope.principal() == null ? null : Ids.parse(envelope.principal().sub());
    return pool.withTransaction(tx -> CommissionRepository.one(tx, CommissionRepository.BY_REFERENCE, reference)
        .compose(existing -> existing != null ? replay(existing, hash)
            : AffiliateRepository.one(tx, AffiliateRepository.BY_ID, affiliateId).compose(affiliate -> {
              if (affiliate == null) {
                return Future.failedFuture(new Problem(ProblemType.NOT_FOUND, "No such affiliate.",
                    java.util.List.of(new Problem.FieldError("/affiliateId", "names no programme")), null));
              }
              if (affiliate.deleted()) {
                return Future.failedFuture(new Problem(ProblemType.INVALID_STATE,
                    "This programme was removed; it earns no new commissions."));
              }
              return insert(tx, new ManualSale(affiliateId, orderId, amount, currency, reference, hash, note, recordedBy));
            })));
  }

  private Future<Object> insert(SqlConnection tx, ManualSale sale) {
    return tx.preparedQuery(CommissionRepository.INSERT_MANUAL).execute(Tuple.tuple().addValue(Ids.uuid7())
            .addValue(sale.affiliateId()).addValue(sale.orderId()).addValue(sale.currency()).addValue(sale.amount())
            .addValue(sale.reference()).addValue(sale.hash()).addValue(sale.note()).addValue(sale.recordedBy()))
        .compose(rows -> {
          if (rows.size() == 0) {
            // A concurrent request with this reference committed first.
            return CommissionRepository.one(tx, CommissionRepository.BY_REFERENCE, sale.reference())
                .compose(existing -> replay(existing, sale.hash()));
          }
          Commission made = Commission.of(rows.iterator().next());
          return attribution.recorded(tx, made).<Object>map(v -> made.toJson());
        });
  }

  /** The same reference with the same body answers the commission again; another body is a conflict. */
  private static Future<Object> replay(Commission existing, String hash) {
    if (!hash.equals(existing.requestHash())) {
      return Future.failedFuture(new Problem(ProblemType.IDEMPOTENCY_KEY_REUSED,
          "A commission with this externalReference was recorded with another body."));
    }
    return Future.succeededFuture(Outcome.replayed(existing.toJson(), true));
  }

  static String hash(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
