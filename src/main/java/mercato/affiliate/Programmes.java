package mercato.affiliate;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import mercato.affiliate.AffiliateRepository.Changes;
import mercato.affiliate.CommissionRepository.Filter;
import mercato.affiliate.api.AffiliateEvents;
import mercato.platform.bus.Envelope;
import mercato.platform.bus.Fields;
import mercato.platform.bus.Pages;
import mercato.platform.bus.Principal;
import mercato.platform.bus.Problem;
import mercato.platform.bus.ProblemType;
import mercato.platform.db.Sql;
import mercato.platform.events.Event;
import mercato.platform.events.Outbox;
import mercato.platform.ids.Ids;

/**
 * Affiliate programmes: an affiliate registers its own (one live programme per account) or
 * an admin registers one for an affiliate account (auth is asked; any other type is 400); the affiliate edits its profile fields,
 * only admins set the rate and the status; admins list and remove (softly) programmes.
 * Payouts travel on the update (see {@link Payouts}).
 */
final class Programmes {
  private static final Set<String> PROFILE = Set.of("name", "email", "website", "payoutDetails");
  private static final Set<String> ADMIN_ONLY = Set.of("rateBps", "status");
  private static final int CODE_ATTEMPTS = 5;

  private final Pool pool;
  private final Outbox outbox;
  private final AffiliateConfig config;
  private final Payouts payouts;
  private final AffiliateAccounts accounts;
  private final int maxPage;

  Programmes(Pool pool, Outbox outbox, AffiliateConfig config, Payouts payouts, AffiliateAccounts accounts,
      int maxPage) {
    this.pool = pool;
    this.outbox = outbox;
    this.config = config;
    this.payouts = payouts;
    this.accounts = accounts;
    this.maxPage = maxPage;
  }

  /** POST /affiliates. */
  Future<?> register(Envelope envelope) {
    Principal principal = envelope.requirePrincipal();
    JsonObject body = envelope.bodyObject();
    boolean admin = principal.isAdmin();
    Fields.only(body, Set.of("accountId", "name", "email", "website", "payoutDetails", "referralCode",
        "rateBps", "status"), ProgrammeFields.NOT_ALLOWED);
    UUID accountId;
    if (admin) {
      accountId = Fields.id(body, "accountId");
    } else {
      refuseAdminFields(body);
      accountId = Ids.parse(principal.sub());
      if (accountId == null || (body.getValue("accountId") != null && !principal.sub().equals(body.getValue("accountId")))) {
        throw Problem.forbidden("An affiliate registers its own programme only.");
      }
    }
    String name = Fields.text(body, "name", ProgrammeFields.MAX_NAME);
    String email = ProgrammeFields.email(body);
    String website = ProgrammeFields.website(body);
    JsonObject details = ProgrammeFields.payoutDetails(body);
    String chosen = ProgrammeFields.referralCode(body);
    int rate = body.getValue("rateBps") == null ? config.defaultRateBps() : ProgrammeFields.rateBps(body);
    String status = body.getValue("status") == null ? "active" : ProgrammeFields.status(body);
    Affiliate draft = new Affiliate(Ids.uuid7(), accountId, name, email, website, details, chosen, rate, status,
        null, null, null);
    // An admin's account may be anyone's: auth says whether it is an affiliate's (the token says so for a self-registration).
    Future<Void> owner = admin ? accounts.requireAffiliate(accountId, envelope.requestId()) : Future.succeededFuture();
    return owner.compose(v -> insert(draft, chosen != null, CODE_ATTEMPTS))
        .map(made -> made.toJson().put("earnings", new JsonArray()));
  }

  private Future<Affiliate> insert(Affiliate draft, boolean chosen, int attempts) {
    String code = chosen ? draft.referralCode() : ReferralCodes.generate();
    return pool.withTransaction(tx -> AffiliateRepository.insert(tx, draft.id(), draft.accountId(), draft.name(),
            draft.email(), draft.website(), draft.payoutDetails(), code, draft.rateBps(), draft.status())
        .compose(made -> outbox.append(tx, Event.of(AffiliateEvents.REGISTERED, made.id().toString(),
            new JsonObject().put("affiliateId", made.id().toString()).put("accountId", made.accountId().toString())
                .put("referralCode", made.referralCode()).put("rateBps", made.rateBps()))).map(made)))
        .recover(failure -> {
          String constraint = Sql.uniqueViolation(failure);
          if ("affiliates_code".equals(constraint) && !chosen && attempts > 1) {
            return insert(draft, false, attempts - 1);
          }
          if ("affiliates_code".equals(constraint)) {
            return Future.failedFuture(new Problem(ProblemType.CONFLICT,
                "Another programme uses this referral code (codes ignore case).",
                List.of(new Problem.FieldError("/referralCode", "is taken")), null));
          }
          if ("affiliates_one_per_account".equals(constraint)) {
            return Future.failedFuture(new Problem(ProblemType.CONFLICT,
                "This affiliate account already has a programme."));
          }
          if ("affiliates_email".equals(constraint)) {
            return Future.failedFuture(new Problem(ProblemType.CONFLICT,
                "Another programme uses this email address.",
                List.of(new Problem.FieldError("/email", "is taken")), null));
          }
          return Future.failedFuture(failure);
        });
  }

  /** GET /affiliates (admin): live programmes, newest first, optionally by status. */
  Future<?> list(Envelope envelope) {
    String status = envelope.queryParam("status");
    if (status != null && !ProgrammeFields.STATUSES.contains(status)) {
      throw Problem.invalidField("/status", "must be active or suspended");
    }
    int limit = Pages.limit(envelope, maxPage);
    return AffiliateRepository.list(pool, status, Pages.idCursor(envelope), limit).map(found -> {
      JsonArray items = new JsonArray();
      found.forEach(a -> items.add(a.toJson()));
      String next = found.size() == limit ? found.get(found.size() - 1).id().toString() : null;
      return new JsonObject().put("items", items).put("nextCursor", next);
    });
  }

  /** GET /affiliates/{affiliate_id}: the programme with its earnings per status and currency. */
  Future<?> get(Envelope envelope) {
    UUID id = Fields.pathId(envelope, "affiliate_id");
    return visible(envelope, id).compose(this::withEarnings);
  }

  /** GET /affiliates/me: the calling affiliate's live programme with its earnings; 404 before it registers one. */
  Future<?> getOwn(Envelope envelope) {
    UUID account = Ids.parse(envelope.requirePrincipal().sub());
    return AffiliateRepository.one(pool, AffiliateRepository.LIVE_BY_ACCOUNT, account).compose(found -> found == null
        ? Future.failedFuture(Problem.notFound("You have no affiliate programme yet: register one with POST /affiliates."))
        : withEarnings(found));
  }

  Future<JsonObject> withEarnings(Affiliate affiliate) {
    return CommissionRepository.totals(pool, new Filter(affiliate.id(), null, null, null))
        .map(totals -> affiliate.toJson().put("earnings", totals));
  }

  /** PUT /affiliates/{affiliate_id}: profile fields (self or admin), rate and status (admin), or a payout (admin). */
  Future<?> update(Envelope envelope) {
    Principal principal = envelope.requirePrincipal();
    UUID id = Fields.pathId(envelope, "affiliate_id");
    JsonObject body = envelope.bodyObject();
    if (body.containsKey("payout")) {
      if (!principal.isAdmin()) {
        throw Problem.forbidden("Only an admin records payouts.");
      }
      if (body.size() != 1) {
        throw Problem.invalidField("/payout", "is sent alone, without other changes");
      }
      Payouts.Request request = Payouts.parse(envelope, body.getValue("payout"));
      return visible(envelope, id).compose(found -> payouts.pay(id, request)
          .compose(recorded -> withEarnings(found).map(json -> json.put("payouts", recorded))));
    }
    if (!principal.isAdmin()) {
      refuseAdminFields(body);
    }
    Fields.only(body, principal.isAdmin() ? union(PROFILE, ADMIN_ONLY) : PROFILE, ProgrammeFields.NOT_ALLOWED);
    if (body.isEmpty()) {
      throw Problem.validation("Nothing to change.", List.of(new Problem.FieldError("", "name at least one field")));
    }
    Changes changes = new Changes(
        body.containsKey("name") ? Fields.text(body, "name", ProgrammeFields.MAX_NAME) : null,
        body.containsKey("email"), ProgrammeFields.email(body),
        body.containsKey("website"), ProgrammeFields.website(body),
        body.containsKey("payoutDetails"), ProgrammeFields.payoutDetails(body),
        body.containsKey("rateBps") ? ProgrammeFields.rateBps(body) : null,
        body.containsKey("status") ? ProgrammeFields.status(body) : null);
    return visible(envelope, id).compose(found -> {
      if (found.deleted()) {
        return Future.failedFuture(new Problem(ProblemType.INVALID_STATE,
            "This programme was removed; it can no longer be changed."));
      }
      return pool.withTransaction(tx -> AffiliateRepository.update(tx, id, changes).compose(updated -> {
        if (updated == null) {
          return Future.failedFuture(new Problem(ProblemType.INVALID_STATE,
              "This programme was removed meanwhile."));
        }
        JsonObject changed = new JsonObject();
        if (updated.rateBps() != found.rateBps()) {
          changed.put("rateBps", updated.rateBps());
        }
        if (!updated.status().equals(found.status())) {
          changed.put("status", updated.status());
        }
        return changed.isEmpty() ? Future.succeededFuture(updated) : outbox.append(tx, Event.of(AffiliateEvents.UPDATED,
            id.toString(), new JsonObject().put("affiliateId", id.toString()).put("changes", changed))).map(updated);
      })).recover(failure -> Sql.isUniqueViolation(failure, "affiliates_email")
          ? Future.failedFuture(new Problem(ProblemType.CONFLICT, "Another programme uses this email address.",
              List.of(new Problem.FieldError("/email", "is taken")), null))
          : Future.failedFuture(failure));
    }).compose(this::withEarnings);
  }

  /** DELETE /affiliates/{affiliate_id} (admin): the code stops attributing; commissions stay. */
  Future<?> delete(Envelope envelope) {
    UUID id = Fields.pathId(envelope, "affiliate_id");
    return pool.withTransaction(tx -> AffiliateRepository.delete(tx, id).compose(deleted -> {
      if (deleted) {
        return outbox.append(tx, Event.of(AffiliateEvents.UPDATED, id.toString(), new JsonObject()
            .put("affiliateId", id.toString()).put("changes", new JsonObject().put("deleted", true))));
      }
      return AffiliateRepository.one(tx, AffiliateRepository.BY_ID, id)
          .compose(found -> found == null ? Future.failedFuture(Problem.notFound("No such affiliate."))
              : Future.<Void>succeededFuture());
    })).mapEmpty();
  }

  /** The programme if the caller may see it (admin, or its own affiliate); 404 otherwise. */
  Future<Affiliate> visible(Envelope envelope, UUID id) {
    return AffiliateRepository.one(pool, AffiliateRepository.BY_ID, id).compose(found ->
        found == null || !found.visibleTo(envelope.principal())
            ? Future.failedFuture(Problem.notFound("No such affiliate."))
            : Future.succeededFuture(found));
  }

  private static void refuseAdminFields(JsonObject body) {
    for (String field : ADMIN_ONLY) {
      if (body.containsKey(field)) {
        throw new Problem(ProblemType.FORBIDDEN, "Only an admin sets an affiliate's " + field + ".",
            List.of(new Problem.FieldError("/" + field, "is set by admins only")), null);
      }
    }
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    java.util.HashSet<String> all = new java.util.HashSet<>(a);
    all.addAll(b);
    return all;
  }
}
