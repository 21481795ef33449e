package mercato.affiliate;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import mercato.auth.AuthDomain;
import mercato.platform.bus.Envelope;
import mercato.testing.Await;
import mercato.testing.TestNode;
import mercato.testing.EventFeed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Affiliate programmes over HTTP on the real database, and attribution end to end at the
 * domain level: order events written through a stand-in domain's outbox reach the affiliate
 * inbox through the relay, earn commissions at the programme's rate, shrink on refunds, count
 * once when redelivered, are approved by the sweep and paid by a payout.
 */
class AffiliateFlowTest {
  static TestNode app;
  static String admin;

  @BeforeAll
  static void start() {
    app = TestNode.of(AffiliateDomain.domain(), AuthDomain.domain(), EventFeed.domain()).withKeys().quickAuth()
        .set("http.contract", "openapi.yaml")
        .set("affiliate.defaultRateBps", "500")
        .set("affiliate.returnWindowDays", "30")
        .set("affiliate.sweepMs", "100")
        .start();
    admin = token("admin", UUID.randomUUID().toString());
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  // ---- helpers ----

  static String token(String typ, String sub) {
    return app.tokens.issue(sub, typ, List.of());
  }

  /** A registered account of {@code type} (auth is asked whether an admin's chosen account is an affiliate). */
  static String account(String type) {
    return status(app.api.post("/auth/register", null, new JsonObject().put("type", type)
        .put("email", type + "-" + UUID.randomUUID() + "@example.com").put("password", "correct horse battery staple")
        .put("name", "Account")), 201).getString("id");
  }

  record Programme(String id, String accountId, String token, String code) {}

  /** An affiliate account registers itself; the admin then sets its rate. */
  static Programme programme(int rateBps) {
    String account = UUID.randomUUID().toString();
    String me = token("affiliate", account);
    JsonObject made = status(app.api.post("/affiliates", me, new JsonObject().put("name", "Blog " + account)), 201);
    String id = made.getString("id");
    status(app.api.put("/affiliates/" + id, admin, new JsonObject().put("rateBps", rateBps)), 200);
    return new Programme(id, account, me, made.getString("referralCode"));
  }

  static JsonObject status(HttpResponse<Buffer> response, int status) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    return response.body() == null || response.body().length() == 0 ? null : response.bodyAsJsonObject();
  }

  static JsonObject money(long amount) {
    return new JsonObject().put("amount", amount).put("currency", "EUR");
  }

  static JsonObject event(String type, String orderId, JsonObject data) {
    return new JsonObject().put("specversion", "1.0").put("id", UUID.randomUUID().toString()).put("type", type)
        .put("source", "/mercato/order").put("subject", orderId).put("time", "2026-11-29T12:00:00Z")
        .put("data", data.put("orderId", orderId));
  }

  static JsonObject paid(String orderId, String buyer, String code, long total) {
    return event("mercato.order.paid.v1", orderId, new JsonObject().put("accountId", buyer)
        .put("paymentId", UUID.randomUUID().toString()).put("referralCode", code).put("total", money(total))
        .put("placedAt", "2026-11-29T11:00:00Z").put("paidAt", "2026-11-29T12:00:00Z").put("groups", new JsonArray()));
  }

  static JsonObject refunded(String orderId, long amount, long refundedTotal, long total) {
    return event("mercato.order.refunded.v1", orderId, new JsonObject().put("accountId", UUID.randomUUID().toString())
        .put("paymentId", UUID.randomUUID().toString()).put("refundId", UUID.randomUUID().toString())
        .put("groupId", null).put("amount", money(amount)).put("refundedTotal", money(refundedTotal))
        .put("total", money(total)).put("status", "partially_refunded").put("refundedAt", "2026-11-29T13:00:00Z"));
  }

  /** Writes the event through the stand-in order domain's outbox (the relay delivers it). */
  static void emit(JsonObject event) {
    Await.result(app.node.vertx().eventBus().request(EventFeed.EMIT, Envelope.internal(event, "test")));
  }

  /** Hands the event straight to the affiliate inbox, as the relay would redeliver it. */
  static boolean deliver(JsonObject event) {
    return Await.result(app.node.vertx().eventBus().<JsonObject>request("mercato.affiliate.inbox", event))
        .body().getBoolean("handled");
  }

  static void awaitHandled(JsonObject event) {
    String id = event.getString("id");
    Await.until("the affiliate inbox handled " + id, Duration.ofSeconds(10),
        () -> app.db.count("SELECT count(*) FROM affiliate.inbox WHERE event_id = '" + id + "'") == 1);
  }

  static List<String> commissions(String orderId, String column) {
    return app.db.column("SELECT " + column + " FROM affiliate.commissions WHERE order_id = '" + orderId
        + "' ORDER BY created_at");
  }

  // ---- tests ----

  @Test
  void anAffiliateRegistersOnceAndGetsACode() {
    String account = UUID.randomUUID().toString();
    String me = token("affiliate", account);
    JsonObject made = status(app.api.post("/affiliates", me, new JsonObject().put("name", "Deals Weekly")
        .put("website", "https://deals.example").put("payoutDetails", new JsonObject().put("iban", "DE89370400440532013000"))), 201);
    assertThat(made.getString("referralCode")).matches("^[A-Z0-9]{8}$");
    assertThat(made.getString("accountId")).isEqualTo(account);
    assertThat(made.getInteger("rateBps")).isEqualTo(500);
    assertThat(made.getString("status")).isEqualTo("active");
    assertThat(app.db.count("SELECT count(*) FROM affiliate.outbox WHERE type = 'mercato.affiliate.registered.v1'"
        + " AND subject = '" + made.getString("id") + "'")).isEqualTo(1);

    // One programme per account, also through the alias.
    assertThat(app.api.post("/affiliate/register", me, new JsonObject().put("name", "Again")).statusCode()).isEqualTo(409);

    // A chosen code, unique ignoring case; bad syntax is refused by the contract.
    String other = token("affiliate", UUID.randomUUID().toString());
    String chosen = "Summer_" + UUID.randomUUID().toString().substring(0, 6);
    JsonObject second = status(app.api.post("/affiliate/register", other, new JsonObject().put("name", "S")
        .put("referralCode", chosen)), 201);
    assertThat(second.getString("referralCode")).isEqualTo(chosen);
    HttpResponse<Buffer> taken = app.api.post("/affiliates", token("affiliate", UUID.randomUUID().toString()),
        new JsonObject().put("name", "T").put("referralCode", chosen.toUpperCase()));
    assertThat(taken.statusCode()).as(taken.bodyAsString()).isEqualTo(409);
    assertThat(app.api.post("/affiliates", token("affiliate", UUID.randomUUID().toString()),
        new JsonObject().put("name", "T").put("referralCode", "no")).statusCode()).isEqualTo(400);

    // An affiliate may not pick its rate; customers may not register; an admin registers for an account.
    assertThat(app.api.post("/affiliates", token("affiliate", UUID.randomUUID().toString()),
        new JsonObject().put("name", "Greedy").put("rateBps", 10000)).statusCode()).isEqualTo(403);
    assertThat(app.api.post("/affiliates", token("customer", UUID.randomUUID().toString()),
        new JsonObject().put("name", "C")).statusCode()).isEqualTo(403);
    String forAccount = account("affiliate");
    JsonObject byAdmin = status(app.api.post("/affiliates", admin, new JsonObject().put("accountId", forAccount)
        .put("name", "Partner").put("rateBps", 1200)), 201);
    assertThat(byAdmin.getInteger("rateBps")).isEqualTo(1200);
    // Only an affiliate account may have a programme: not a customer's, not one auth does not know.
    for (String notAffiliate : List.of(account("customer"), UUID.randomUUID().toString())) {
      HttpResponse<Buffer> refused = app.api.post("/affiliates", admin, new JsonObject().put("accountId", notAffiliate)
          .put("name", "Not an affiliate"));
      assertThat(refused.statusCode()).as(refused.bodyAsString()).isEqualTo(400);
      assertThat(refused.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("pointer"))
          .isEqualTo("/accountId");
      assertThat(app.db.count("SELECT count(*) FROM affiliate.affiliates WHERE account_id = '" + notAffiliate + "'"))
          .isZero();
    }
    assertThat(app.api.post("/affiliates", admin, new JsonObject().put("name", "No account")).statusCode()).isEqualTo(400);

    // Self and admin read it (with earnings), through the alias too; anyone else does not find it.
    String id = made.getString("id");
    JsonObject read = status(app.api.get("/affiliate/" + id, me), 200);
    assertThat(read.getJsonArray("earnings")).isEmpty();
    assertThat(read.getJsonObject("payoutDetails").getString("iban")).isEqualTo("DE89370400440532013000");
    status(app.api.get("/affiliates/" + id, admin), 200);
    assertThat(app.api.get("/affiliates/" + id, other).statusCode()).isEqualTo(404);
    assertThat(app.api.get("/affiliates", me).statusCode()).isEqualTo(403);
    JsonObject page = status(app.api.get("/affiliates?limit=1", admin), 200);
    assertThat(page.getJsonArray("items")).hasSize(1);
    assertThat(page.getString("nextCursor")).isNotNull();
    JsonObject next = status(app.api.get("/affiliates?limit=1&cursor=" + page.getString("nextCursor"), admin), 200);
    assertThat(next.getJsonArray("items").getJsonObject(0).getString("id"))
        .isNotEqualTo(page.getJsonArray("items").getJsonObject(0).getString("id"));
  }

  @Test
  void anAffiliateFindsItsOwnProgrammeWithoutKnowingItsId() {
    String account = UUID.randomUUID().toString();
    String me = token("affiliate", account);
    HttpResponse<Buffer> before = app.api.get("/affiliates/me", me);
    assertThat(before.statusCode()).as(before.bodyAsString()).isEqualTo(404);
    assertThat(before.getHeader("Content-Type")).startsWith("application/problem+json");

    JsonObject made = status(app.api.post("/affiliates", me, new JsonObject().put("name", "Own " + account)), 201);
    JsonObject own = status(app.api.get("/affiliates/me", me), 200);
    assertThat(own.getString("id")).isEqualTo(made.getString("id"));
    assertThat(own.getString("referralCode")).isEqualTo(made.getString("referralCode"));
    assertThat(own.getJsonArray("earnings")).isNotNull();

    status(app.api.get("/affiliates/me", admin), 403);
    status(app.api.get("/affiliates/me", token("customer", UUID.randomUUID().toString())), 403);
    status(app.api.get("/affiliates/me", null), 401);
  }

  @Test
  void clicksOnReferralLinksAreCountedPerDayForTheirProgrammeOnly() {
    Programme p = programme(500);
    Programme other = programme(500);
    for (String code : List.of(p.code(), p.code().toLowerCase(), p.code())) {
      status(app.api.post("/affiliate-clicks", null, new JsonObject().put("referralCode", code)), 204);
    }
    status(app.api.post("/affiliate-clicks", null, new JsonObject().put("referralCode", "NOSUCHCODE1")), 204);
    for (JsonObject bad : List.of(new JsonObject(), new JsonObject().put("referralCode", "a b"),
        new JsonObject().put("referralCode", "x"), new JsonObject().put("referralCode", p.code()).put("extra", 1))) {
      HttpResponse<Buffer> refused = app.api.post("/affiliate-clicks", null, bad);
      assertThat(refused.statusCode()).as(bad.encode() + " " + refused.bodyAsString()).isEqualTo(400);
    }

    String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
    JsonObject mine = status(app.api.get("/affiliate-clicks", p.token()), 200);
    assertThat(mine.getLong("total")).isEqualTo(3);
    assertThat(mine.getJsonArray("items")).containsExactly(new JsonObject().put("day", today).put("clicks", 3L));
    assertThat(status(app.api.get("/affiliate-clicks", other.token()), 200).getLong("total")).isZero();
    assertThat(status(app.api.get("/affiliate-clicks?affiliateId=" + p.id(), admin), 200).getLong("total")).isEqualTo(3);
    assertThat(status(app.api.get("/affiliate-clicks?from=2020-01-01&to=2020-01-31", p.token()), 200).getLong("total"))
        .isZero();
    status(app.api.get("/affiliate-clicks?affiliateId=" + p.id(), other.token()), 403);
    status(app.api.get("/affiliate-clicks", admin), 400);
    status(app.api.get("/affiliate-clicks?from=2026-12-01&to=2026-11-01", p.token()), 400);
    status(app.api.get("/affiliate-clicks", token("customer", UUID.randomUUID().toString())), 403);
  }

  @Test
  void onlyAnAdminSetsTheRateAndStatus() {
    Programme p = programme(500);
    HttpResponse<Buffer> refused = app.api.put("/affiliates/" + p.id(), p.token(), new JsonObject().put("rateBps", 9000));
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(refused.bodyAsJsonObject().getString("type")).isEqualTo("/problems/forbidden");
    assertThat(app.api.put("/affiliates/" + p.id(), p.token(), new JsonObject().put("status", "active")).statusCode())
        .isEqualTo(403);
    assertThat(app.db.column("SELECT rate_bps FROM affiliate.affiliates WHERE affiliate_id = '" + p.id() + "'"))
        .containsExactly("500");

    JsonObject mine = status(app.api.put("/affiliates/" + p.id(), p.token(), new JsonObject().put("name", "Renamed")
        .put("website", null)), 200);
    assertThat(mine.getString("name")).isEqualTo("Renamed");
    assertThat(mine.getInteger("rateBps")).isEqualTo(500);
    assertThat(app.api.put("/affiliates/" + p.id(), token("affiliate", UUID.randomUUID().toString()),
        new JsonObject().put("name", "Hijack")).statusCode()).isEqualTo(404);

    JsonObject set = status(app.api.put("/affiliates/" + p.id(), admin, new JsonObject().put("rateBps", 1500)
        .put("status", "suspended")), 200);
    assertThat(set.getInteger("rateBps")).isEqualTo(1500);
    assertThat(set.getString("status")).isEqualTo("suspended");
    assertThat(app.api.put("/affiliates/" + p.id(), admin, new JsonObject().put("rateBps", 10001)).statusCode())
        .isEqualTo(400);
    assertThat(app.db.count("SELECT count(*) FROM affiliate.outbox WHERE type = 'mercato.affiliate.updated.v1'"
        + " AND subject = '" + p.id() + "'")).isEqualTo(1); // 500 was the default already: only the admin's change
  }

  @Test
  void aPaidReferredOrderEarnsOnceAndARefundClawsBackInProportion() {
    Programme p = programme(750);
    String order = UUID.randomUUID().toString();
    JsonObject paid = paid(order, UUID.randomUUID().toString(), p.code().toLowerCase(), 12345);
    emit(paid);
    awaitHandled(paid);
    assertThat(commissions(order, "amount")).containsExactly("925"); // floor(12345 * 750 / 10000)
    assertThat(commissions(order, "rate_bps")).containsExactly("750");
    assertThat(commissions(order, "currency")).containsExactly("EUR");
    assertThat(commissions(order, "status")).containsExactly("pending");
    assertThat(app.db.count("SELECT count(*) FROM affiliate.outbox WHERE type = 'mercato.affiliate.commission-recorded.v1'"
        + " AND data->>'orderId' = '" + order + "'")).isEqualTo(1);

    // Redelivered, and the same fact under a new event id: still one commission.
    assertThat(deliver(paid)).isFalse();
    JsonObject again = paid(order, UUID.randomUUID().toString(), p.code(), 12345);
    assertThat(deliver(again)).isTrue();
    assertThat(commissions(order, "amount")).containsExactly("925");

    // A later rate change does not touch the recorded commission.
    status(app.api.put("/affiliates/" + p.id(), admin, new JsonObject().put("rateBps", 100)), 200);
    assertThat(commissions(order, "rate_bps")).containsExactly("750");

    JsonObject partial = refunded(order, 4000, 4000, 12345);
    emit(partial);
    awaitHandled(partial);
    assertThat(commissions(order, "amount")).containsExactly("625"); // floor(925 * 8345 / 12345)
    assertThat(app.db.column("SELECT before_amount || '>' || after_amount FROM affiliate.commission_adjustments a"
        + " JOIN affiliate.commissions c USING (commission_id) WHERE c.order_id = '" + order + "'"))
        .containsExactly("925>625");
    assertThat(deliver(partial)).isFalse();
    // A stale refund event (a smaller cumulative total) never gives back what was clawed back.
    assertThat(deliver(refunded(order, 1000, 1000, 12345))).isTrue();
    assertThat(commissions(order, "amount")).containsExactly("625");
    JsonObject rest = refunded(order, 8345, 12345, 12345);
    assertThat(deliver(rest)).isTrue();
    assertThat(commissions(order, "amount")).containsExactly("0");
    assertThat(app.db.count("SELECT count(*) FROM affiliate.outbox WHERE type = 'mercato.affiliate.commission-adjusted.v1'"
        + " AND data->>'orderId' = '" + order + "'")).isEqualTo(2);

    JsonObject sales = status(app.api.get("/affiliate-sales", p.token()), 200);
    assertThat(sales.getJsonArray("items")).hasSize(1);
    JsonObject sale = sales.getJsonArray("items").getJsonObject(0);
    assertThat(sale.getJsonObject("originalAmount")).isEqualTo(money(925));
    assertThat(sale.getJsonObject("amount")).isEqualTo(money(0));
  }

  @Test
  void noCommissionForSelfReferralUnknownSuspendedOrRemovedProgrammes() {
    Programme p = programme(1000);
    JsonObject self = paid(UUID.randomUUID().toString(), p.accountId(), p.code(), 5000);
    JsonObject unknown = paid(UUID.randomUUID().toString(), UUID.randomUUID().toString(), "NOSUCHCODE", 5000);
    JsonObject none = paid(UUID.randomUUID().toString(), UUID.randomUUID().toString(), null, 5000);
    for (JsonObject e : List.of(self, unknown, none)) {
      assertThat(deliver(e)).isTrue();
      assertThat(commissions(e.getString("subject"), "amount")).isEmpty();
    }

    status(app.api.put("/affiliates/" + p.id(), admin, new JsonObject().put("status", "suspended")), 200);
    JsonObject whileSuspended = paid(UUID.randomUUID().toString(), UUID.randomUUID().toString(), p.code(), 5000);
    assertThat(deliver(whileSuspended)).isTrue();
    assertThat(commissions(whileSuspended.getString("subject"), "amount")).isEmpty();

    status(app.api.put("/affiliates/" + p.id(), admin, new JsonObject().put("status", "active")), 200);
    JsonObject active = paid(UUID.randomUUID().toString(), UUID.randomUUID().toString(), p.code(), 5000);
    assertThat(deliver(active)).isTrue();
    assertThat(commissions(active.getString("subject"), "amount")).containsExactly("500");

    // Removed: the code stops attributing, the history stays, admins only may remove.
    assertThat(app.api.delete("/affiliates/" + p.id(), p.token()).statusCode()).isEqualTo(403);
    status(app.api.delete("/affiliates/" + p.id(), admin), 204);
    status(app.api.delete("/affiliates/" + p.id(), admin), 204);
    assertThat(app.api.delete("/affiliates/" + UUID.randomUUID(), admin).statusCode()).isEqualTo(404);
    JsonObject afterRemoval = paid(UUID.randomUUID().toString(), UUID.randomUUID().toString(), p.code(), 5000);
    assertThat(deliver(afterRemoval)).isTrue();
    assertThat(commissions(afterRemoval.getString("subject"), "amount")).isEmpty();
    JsonObject kept = status(app.api.get("/affiliates/" + p.id(), admin), 200);
    assertThat(kept.getString("deletedAt")).isNotNull();
    assertThat(kept.getJsonArray("earnings")).containsExactly(new JsonObject().put("status", "pending")
        .put("amount", money(500)).put("count", 1));
    assertThat(app.api.put("/affiliates/" + p.id(), admin, new JsonObject().put("name", "Back")).statusCode())
        .isEqualTo(409);
  }

  @Test
  void aManualCommissionIsIdempotentByItsExternalReference() {
    Programme p = programme(500);
    String reference = "crm-" + UUID.randomUUID();
    JsonObject body = new JsonObject().put("affiliateId", p.id()).put("amount", money(2500))
        .put("externalReference", reference).put("note", "conference deal");
    JsonObject first = status(app.api.post("/affiliate-sales", admin, body), 201);
    assertThat(first.getString("kind")).isEqualTo("manual");
    assertThat(first.getString("status")).isEqualTo("pending");
    HttpResponse<Buffer> replay = app.api.post("/affiliate/commission", admin, body.copy());
    assertThat(replay.statusCode()).isEqualTo(200);
    assertThat(replay.bodyAsJsonObject()).isEqualTo(first);
    assertThat(replay.getHeader("Idempotent-Replayed")).isEqualTo("true");
    HttpResponse<Buffer> other = app.api.post("/affiliate-sales", admin, body.copy().put("amount", money(2600)));
    assertThat(other.statusCode()).isEqualTo(409);
    assertThat(other.bodyAsJsonObject().getString("type")).isEqualTo("/problems/idempotency-key-reused");
    assertThat(app.db.count("SELECT count(*) FROM affiliate.commissions WHERE external_reference = '" + reference + "'"))
        .isEqualTo(1);
    assertThat(app.db.count("SELECT count(*) FROM affiliate.outbox WHERE type = 'mercato.affiliate.commission-recorded.v1'"
        + " AND data->>'commissionId' = '" + first.getString("id") + "'")).isEqualTo(1);

    // The affiliate itself may not record one; bad bodies and unknown programmes are refused.
    assertThat(app.api.post("/affiliate-sales", p.token(), body.copy().put("externalReference", "x-" + reference))
        .statusCode()).isEqualTo(403);
    assertThat(app.api.post("/affiliate-sales", admin, body.copy().put("externalReference", "y-" + reference)
        .put("amount", money(0))).statusCode()).isEqualTo(400);
    assertThat(app.api.post("/affiliate-sales", admin, body.copy().put("externalReference", "z-" + reference)
        .put("affiliateId", UUID.randomUUID().toString())).statusCode()).isEqualTo(404);
  }

  @Test
  void theSweepApprovesAfterTheReturnWindowAndAPayoutPaysWhatWasApproved() {
    Programme p = programme(1000);
    String oldOrder = UUID.randomUUID().toString();
    String newOrder = UUID.randomUUID().toString();
    assertThat(deliver(paid(oldOrder, UUID.randomUUID().toString(), p.code(), 20000))).isTrue();
    assertThat(deliver(paid(newOrder, UUID.randomUUID().toString(), p.code(), 7000))).isTrue();
    app.db.execute("UPDATE affiliate.commissions SET earned_at = now() - interval '31 days' WHERE order_id = '"
        + oldOrder + "'");
    Await.until("the sweep approves the old commission", Duration.ofSeconds(10),
        () -> commissions(oldOrder, "status").equals(List.of("approved")));
    assertThat(commissions(newOrder, "status")).containsExactly("pending");
    assertThat(app.db.count("SELECT count(*) FROM affiliate.outbox WHERE type = 'mercato.affiliate.commission-approved.v1'"
        + " AND subject = '" + p.id() + "'")).isEqualTo(1);

    JsonObject sales = status(app.api.get("/affiliate-sales?affiliateId=" + p.id(), admin), 200);
    assertThat(sales.getJsonArray("totals")).containsExactlyInAnyOrder(
        new JsonObject().put("status", "approved").put("amount", money(2000)).put("count", 1),
        new JsonObject().put("status", "pending").put("amount", money(700)).put("count", 1));
    JsonObject approvedOnly = status(app.api.get("/affiliate-sales?status=approved&affiliateId=" + p.id(), admin), 200);
    assertThat(approvedOnly.getJsonArray("items")).hasSize(1);
    assertThat(app.api.get("/affiliate-sales?affiliateId=" + UUID.randomUUID(), p.token()).statusCode()).isEqualTo(403);
    assertThat(app.api.get("/affiliate-sales?from=yesterday", admin).statusCode()).isEqualTo(400);
    assertThat(status(app.api.get("/affiliate-sales?from=2000-01-01&to=2000-12-31&affiliateId=" + p.id(), admin), 200)
        .getJsonArray("items")).isEmpty();

    // Payouts: the affiliate may not record one; an admin pays what was approved, once.
    assertThat(app.api.put("/affiliates/" + p.id(), p.token(), new JsonObject().put("payout",
        new JsonObject().put("through", "2099-12-31"))).statusCode()).isEqualTo(403);
    String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
    JsonObject paidOut = status(app.api.put("/affiliates/" + p.id(), admin, new JsonObject().put("payout",
        new JsonObject().put("through", today).put("reference", "transfer 4711"))), 200);
    assertThat(paidOut.getJsonArray("payouts")).hasSize(1);
    assertThat(paidOut.getJsonArray("payouts").getJsonObject(0).getJsonObject("amount")).isEqualTo(money(2000));
    assertThat(commissions(oldOrder, "status")).containsExactly("paid");
    assertThat(commissions(newOrder, "status")).containsExactly("pending");
    assertThat(paidOut.getJsonArray("earnings")).contains(
        new JsonObject().put("status", "paid").put("amount", money(2000)).put("count", 1));
    JsonObject repeat = status(app.api.put("/affiliates/" + p.id(), admin, new JsonObject().put("payout",
        new JsonObject().put("through", today))), 200);
    assertThat(repeat.getJsonArray("payouts")).isEmpty();
    assertThat(app.db.count("SELECT count(*) FROM affiliate.payouts WHERE affiliate_id = '" + p.id() + "'")).isEqualTo(1);

    // A refund after the payout: the paid commission stays paid, the difference is owed back.
    assertThat(deliver(refunded(oldOrder, 5000, 5000, 20000))).isTrue();
    assertThat(app.db.column("SELECT kind || ':' || status || ':' || amount FROM affiliate.commissions"
        + " WHERE order_id = '" + oldOrder + "' ORDER BY created_at"))
        .containsExactly("order:paid:2000", "clawback:approved:-500");
  }
}
