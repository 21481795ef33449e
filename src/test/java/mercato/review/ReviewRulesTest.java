package mercato.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.util.UUID;
import mercato.platform.bus.Problem;
import mercato.platform.config.ConfigException;
import org.junit.jupiter.api.Test;

/** The pure rules: the config section, body checks and the summary's figures. */
class ReviewRulesTest {
  static final ReviewConfig CONFIG = new ReviewConfig(false, 10, 20, 20, 5000);

  static JsonObject section() {
    return new JsonObject().put("acceptUnverified", false).put("titleMaxLength", 200).put("textMaxLength", 5000)
        .put("defaultPageSize", 20).put("peerTimeoutMs", 5000);
  }

  @Test
  void readsTheSectionAndNamesABadKey() {
    assertThat(ReviewConfig.read(section())).isEqualTo(new ReviewConfig(false, 200, 5000, 20, 5000));
    assertThat(ReviewConfig.read(section().put("acceptUnverified", "true")).acceptUnverified()).isTrue();
    assertThatThrownBy(() -> ReviewConfig.read(section().put("acceptUnverified", "maybe")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("review.acceptUnverified");
    assertThatThrownBy(() -> ReviewConfig.read(section().put("textMaxLength", 0)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("review.textMaxLength");
  }

  @Test
  void ratingsAreWholeNumbersFromOneToFive() {
    for (int ok = 1; ok <= 5; ok++) {
      assertThat(ReviewRules.rating(new JsonObject().put("rating", ok))).isEqualTo(ok);
    }
    for (Object bad : new Object[] {0, 6, 2.5, "3", null, Long.MAX_VALUE}) {
      assertThatThrownBy(() -> ReviewRules.rating(new JsonObject().put("rating", bad)))
          .isInstanceOf(Problem.class).hasMessageContaining("invalid field");
    }
  }

  @Test
  void textIsKeptAsSentAndBoundedInCharacters() {
    assertThat(ReviewRules.text(new JsonObject().put("t", "  <b>x</b> "), "t", 20)).isEqualTo("  <b>x</b> ");
    assertThat(ReviewRules.text(new JsonObject().put("t", "\uD83D\uDE00".repeat(10)), "t", 10)).hasSize(20);
    assertThatThrownBy(() -> ReviewRules.text(new JsonObject().put("t", "x".repeat(11)), "t", 10))
        .isInstanceOf(Problem.class);
    assertThatThrownBy(() -> ReviewRules.text(new JsonObject().put("t", " \n "), "t", 10)).isInstanceOf(Problem.class);
  }

  @Test
  void exactlyOneTarget() {
    String id = UUID.randomUUID().toString();
    assertThat(ReviewRules.target(new JsonObject().put("productId", id))).isEqualTo(Target.product(UUID.fromString(id)));
    assertThat(ReviewRules.target(new JsonObject().put("sellerId", id))).isEqualTo(Target.company(UUID.fromString(id)));
    assertThat(ReviewRules.target(new JsonObject().put("companyId", id).put("sellerId", id)))
        .isEqualTo(Target.company(UUID.fromString(id)));
    assertThatThrownBy(() -> ReviewRules.target(new JsonObject())).isInstanceOf(Problem.class);
    assertThatThrownBy(() -> ReviewRules.target(new JsonObject().put("productId", id).put("companyId", id)))
        .isInstanceOf(Problem.class);
    assertThatThrownBy(() -> ReviewRules.target(new JsonObject().put("companyId", id)
        .put("sellerId", UUID.randomUUID().toString()))).isInstanceOf(Problem.class);
  }

  @Test
  void authorsEditContentAdminsOnlyTheStatus() {
    assertThat(ReviewRules.edit(new JsonObject().put("rating", 2), CONFIG)).isEqualTo(new ReviewRules.Edit(2, null, null));
    assertThatThrownBy(() -> ReviewRules.edit(new JsonObject(), CONFIG)).isInstanceOf(Problem.class);
    assertThatThrownBy(() -> ReviewRules.edit(new JsonObject().put("verifiedPurchase", true), CONFIG))
        .isInstanceOf(Problem.class);
    assertThat(ReviewRules.status(new JsonObject().put("status", "hidden"))).isEqualTo("hidden");
    assertThatThrownBy(() -> ReviewRules.status(new JsonObject().put("status", "hidden").put("rating", 1)))
        .isInstanceOf(Problem.class);
    assertThatThrownBy(() -> ReviewRules.status(new JsonObject().put("status", "removed"))).isInstanceOf(Problem.class);
  }

  @Test
  void theAverageIsRoundedHalfUpToTwoDecimals() {
    assertThat(RatingSummary.EMPTY.average()).isZero();
    assertThat(new RatingSummary(3, 14, new int[] {0, 0, 0, 1, 2}, 1).average()).isEqualTo(4.67);
    assertThat(new RatingSummary(8, 21, new int[] {2, 2, 2, 1, 1}, 1).average()).isEqualTo(2.63);
    assertThat(new RatingSummary(8, 20, new int[] {2, 2, 2, 1, 1}, 1).average()).isEqualTo(2.5);
    JsonObject data = new RatingSummary(3, 14, new int[] {0, 0, 0, 1, 2}, 7).eventData("p");
    assertThat(data).isEqualTo(new JsonObject().put("productId", "p").put("count", 3).put("sum", 14)
        .put("average", 4.67).put("distribution", new JsonObject().put("1", 0).put("2", 0).put("3", 0).put("4", 1)
            .put("5", 2)).put("revision", 7L));
  }
}
