package mercato.review;

import static mercato.review.ReviewNode.review;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** With review.acceptUnverified true: anyone's review is kept, marked unverified until its author buys. */
class ReviewUnverifiedTest {
  static ReviewNode node;
  static String seller;

  @BeforeAll
  static void start() {
    node = new ReviewNode(true);
    seller = node.company("Bolt");
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void anUnverifiedReviewIsKeptAndVerifiedOnceTheAuthorBought() {
    String product = node.product(seller);
    String ann = UUID.randomUUID().toString();
    HttpResponse<Buffer> made = node.app.api.post("/reviews", node.token("customer", ann), review(product, 3));
    assertThat(made.statusCode()).as(made.bodyAsString()).isEqualTo(201);
    JsonObject review = made.bodyAsJsonObject();
    assertThat(review.getBoolean("verifiedPurchase")).isFalse();
    node.awaitRating(product, r -> r.getInteger("count") == 1);

    // Editing after a purchase marks it verified; it never goes back.
    node.buy(ann, product, seller);
    JsonObject edited = node.app.api.put("/reviews/" + review.getString("id"), node.token("customer", ann),
        new JsonObject().put("title", "Bought it since")).bodyAsJsonObject();
    assertThat(edited.getBoolean("verifiedPurchase")).isTrue();
    node.purchases.clear();
    edited = node.app.api.put("/reviews/" + review.getString("id"), node.token("customer", ann),
        new JsonObject().put("rating", 4)).bodyAsJsonObject();
    assertThat(edited.getBoolean("verifiedPurchase")).isTrue();
    assertThat(node.awaitRating(product, r -> r.getDouble("average") == 4.0).getInteger("count")).isEqualTo(1);
  }
}
