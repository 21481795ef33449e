package mercato.affiliate.api;

import static mercato.affiliate.api.AffiliateAddresses.*;

import java.util.List;
import mercato.platform.route.Access;
import mercato.platform.route.Answer;
import mercato.platform.route.Route;

/**
 * The affiliate domain's HTTP routes, with the aliases of ROUTES.md. Affiliates reach only
 * their own programme and sales (the handlers check it); admins reach all of them.
 */
public final class AffiliateRoutes {
  /** The permission that lets a non-admin record a manual commission. */
  public static final String COMMISSION_PERMISSION = "affiliate:commission";

  private static final Access SELF_OR_ADMIN = Access.types("affiliate", "admin");

  public static final List<Route> ROUTES = List.of(
      Route.post("/affiliates", REGISTER_AFFILIATE, "registerAffiliate", SELF_OR_ADMIN).answers(Answer.created("/affiliates/{id}")).alias("/affiliate/register"),
      Route.get("/affiliates", LIST_AFFILIATES, "listAffiliates", Access.types("admin")),
      Route.get("/affiliates/me", GET_OWN_AFFILIATE, "getOwnAffiliate", Access.types("affiliate")),
      Route.get("/affiliates/{affiliate_id}", GET_AFFILIATE, "getAffiliate", SELF_OR_ADMIN)
          .alias("/affiliate/{affiliate_id}"),
      Route.put("/affiliates/{affiliate_id}", UPDATE_AFFILIATE, "updateAffiliate", SELF_OR_ADMIN),
      Route.delete("/affiliates/{affiliate_id}", DELETE_AFFILIATE, "deleteAffiliate", Access.types("admin")).answers(Answer.noContent()),
      Route.get("/affiliate-sales", LIST_SALES, "listAffiliateSales", SELF_OR_ADMIN),
      Route.post("/affiliate-clicks", COUNT_CLICK, "countAffiliateClick", Access.PUBLIC).answers(Answer.noContent()),
      Route.get("/affiliate-clicks", LIST_CLICKS, "listAffiliateClicks", SELF_OR_ADMIN),
      Route.post("/affiliate-sales", RECORD_COMMISSION, "recordAffiliateCommission",
          Access.types("admin").orPermission(COMMISSION_PERMISSION)).answers(Answer.created("/affiliate-sales?affiliateId={affiliateId}")).alias("/affiliate/commission"));

  private AffiliateRoutes() {}
}
