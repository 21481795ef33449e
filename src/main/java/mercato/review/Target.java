package mercato.review;

import java.util.UUID;

/** What a review is about: a product or a selling company (its account id). */
record Target(Kind kind, UUID id) {
  enum Kind {
    PRODUCT("product", "product_id"),
    COMPANY("company", "company_id");

    final String label;
    /** The reviews column holding this kind's id (a fixed identifier, never client text). */
    final String column;

    Kind(String label, String column) {
      this.label = label;
      this.column = column;
    }
  }

  static Target product(UUID id) {
    return new Target(Kind.PRODUCT, id);
  }

  static Target company(UUID id) {
    return new Target(Kind.COMPANY, id);
  }

  boolean isProduct() {
    return kind == Kind.PRODUCT;
  }
}
