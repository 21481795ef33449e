package mercato.catalog.api;

import static mercato.catalog.api.CatalogAddresses.*;

import java.util.List;
import mercato.platform.route.Access;
import mercato.platform.route.Answer;
import mercato.platform.route.Route;

/** The catalog domain's HTTP routes, with the aliases of ROUTES.md. */
public final class CatalogRoutes {
  /** Sellers write their own products (a verified email required); admins may change any. */
  private static final Access SELLER_WRITE = Access.types("company", "shop", "admin").verifiedFor("sell");

  public static final List<Route> ROUTES = List.of(
      Route.get("/products", LIST_PRODUCTS, "listProducts", Access.PUBLIC),
      Route.get("/products/{product_id}", GET_PRODUCT, "getProduct", Access.PUBLIC).alias("/product/{product_id}"),
      Route.post("/products", CREATE_PRODUCT, "createProduct", Access.types("company", "shop").verifiedFor("sell")).answers(Answer.created("/products/{id}"))
          .alias("/product"),
      Route.put("/products/{product_id}", UPDATE_PRODUCT, "updateProduct", SELLER_WRITE)
          .alias("/product/{product_id}"),
      Route.delete("/products/{product_id}", DELETE_PRODUCT, "deleteProduct", SELLER_WRITE).answers(Answer.noContent())
          .alias("/product/{product_id}"),
      Route.get("/categories", LIST_CATEGORIES, "listCategories", Access.PUBLIC),
      Route.post("/categories", CREATE_CATEGORY, "createCategory",
          Access.types("admin").orPermission("catalog:categories")).answers(Answer.created("/categories/{id}")),
      Route.put("/categories/{category_id}", UPDATE_CATEGORY, "updateCategory",
          Access.types("admin").orPermission("catalog:categories")),
      Route.delete("/categories/{category_id}", DELETE_CATEGORY, "deleteCategory",
          Access.types("admin").orPermission("catalog:categories")).answers(Answer.noContent()),
      Route.get("/tags", LIST_TAGS, "listTags", Access.PUBLIC),
      Route.post("/tags", CREATE_TAG, "createTag", Access.types("admin").orPermission("catalog:tags")).answers(Answer.created("/tags/{name}")),
      Route.delete("/tags/{tag}", DELETE_TAG, "deleteTag", Access.types("admin").orPermission("catalog:tags")).answers(Answer.noContent()));

  private CatalogRoutes() {}
}
