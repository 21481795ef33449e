package mercato.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import mercato.platform.bus.Outcome;
import mercato.platform.route.Answer;
import org.junit.jupiter.api.Test;

/** How a route's declared answer turns a domain result into status, headers and body. */
class AnswersTest {
  private static final JsonObject ORDER = new JsonObject().put("orderId", "o-1").put("status", "pending_payment");

  private static MultiMap facts(String... names) {
    MultiMap facts = MultiMap.caseInsensitiveMultiMap();
    for (String name : names) {
      facts.add(name, "true");
    }
    return facts;
  }

  @Test
  void aRouteThatSaysNothingAnswers200WithTheResult() {
    Answers.Written written = Answers.of(Answer.OK, ORDER, facts());
    assertThat(written.status()).isEqualTo(200);
    assertThat(written.headers()).isEmpty();
    assertThat(written.body()).isSameAs(ORDER);
  }

  @Test
  void createdFillsTheLocationFromTheResult() {
    Answers.Written written = Answers.of(Answer.created("/orders/{orderId}"), ORDER, facts());
    assertThat(written.status()).isEqualTo(201);
    assertThat(written.headers()).containsExactly(Map.entry("Location", "/orders/o-1"));
    assertThat(written.body()).isSameAs(ORDER);
  }

  @Test
  void aReplayKeepsTheStatusAndSaysItIsOne() {
    Answers.Written written = Answers.of(Answer.created("/orders/{orderId}"), ORDER, facts(Outcome.REPLAYED));
    assertThat(written.status()).isEqualTo(201);
    assertThat(written.headers()).containsExactly(Map.entry("Location", "/orders/o-1"),
        Map.entry("Idempotent-Replayed", "true"));
  }

  @Test
  void whatExistedIs200WithoutLocation() {
    Answers.Written written = Answers.of(Answer.created("/affiliate-sales?affiliateId={affiliateId}"),
        new JsonObject().put("affiliateId", "a-1"), facts(Outcome.EXISTED, Outcome.REPLAYED));
    assertThat(written.status()).isEqualTo(200);
    assertThat(written.headers()).containsExactly(Map.entry("Idempotent-Replayed", "true"));
  }

  @Test
  void aHeaderAndTheBodyComeFromResultFields() {
    Answer cart = Answer.OK.header("X-Cart-Token", "cartToken").body("cart");
    JsonObject body = new JsonObject().put("cartId", "c-1").put("lines", new JsonArray());
    Answers.Written issued = Answers.of(cart, new JsonObject().put("cart", body).put("cartToken", "t-1"), facts());
    assertThat(issued.headers()).containsExactly(Map.entry("X-Cart-Token", "t-1"));
    assertThat(issued.body()).isEqualTo(body);
    Answers.Written known = Answers.of(cart, new JsonObject().put("cart", body).putNull("cartToken"), facts());
    assertThat(known.headers()).isEmpty();
    assertThat(known.body()).isEqualTo(body);
  }

  @Test
  void noContentHasNoBodyAndAnotherKindOfResultItsOwnAnswer() {
    assertThat(Answers.of(Answer.noContent(), null, facts()).body()).isNull();
    assertThat(Answers.of(Answer.noContent(), null, facts()).status()).isEqualTo(204);
    Answer place = Answer.created("/orders/{orderId}").when("results", Answer.OK);
    Answers.Written batch = Answers.of(place, new JsonObject().put("results", new JsonArray()), facts());
    assertThat(batch.status()).isEqualTo(200);
    assertThat(batch.headers()).isEmpty();
  }
}
