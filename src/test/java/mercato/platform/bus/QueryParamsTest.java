package mercato.platform.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/** Query values are read one way everywhere: absent gives the fallback, malformed a 400 naming the field. */
class QueryParamsTest {
  private static final LocalDate FALLBACK = LocalDate.of(2026, 1, 1);

  @Test
  void aDayIsExactlyAnIsoDate() {
    assertThat(QueryParams.day(new JsonObject().put("to", "2026-11-30"), "to", FALLBACK))
        .isEqualTo(LocalDate.of(2026, 11, 30));
    assertThat(QueryParams.day(new JsonObject(), "to", FALLBACK)).isEqualTo(FALLBACK);
    assertThat(QueryParams.day(new JsonObject().put("to", ""), "to", FALLBACK)).isEqualTo(FALLBACK);
    for (String wrong : new String[] {"2026-11-31", "30.11.2026", "+2026-11-30", "2026-1-30", "2026-11-30T00:00Z"}) {
      assertThatThrownBy(() -> QueryParams.day(new JsonObject().put("to", wrong), "to", FALLBACK))
          .as(wrong).isInstanceOfSatisfying(Problem.class, problem -> {
            assertThat(problem.status()).isEqualTo(400);
            assertThat(problem.toJson(null, "r").encode()).contains("/to");
          });
    }
    assertThatThrownBy(() -> QueryParams.day(new JsonObject().put("to", new JsonArray().add("2026-11-30").add("2026-11-29")),
        "to", FALLBACK)).isInstanceOf(Problem.class);
  }

  @Test
  void aBodyDayNamesItsPointer() {
    assertThatThrownBy(() -> QueryParams.day("tomorrow", "/payout/through"))
        .isInstanceOfSatisfying(Problem.class, problem -> assertThat(problem.toJson(null, "r").encode())
            .contains("/payout/through"));
  }

  @Test
  void aPeriodBoundTakesADayOrAnInstant() {
    assertThat(QueryParams.periodBound(new JsonObject().put("to", "2026-11-30"), "to", true))
        .isEqualTo(OffsetDateTime.parse("2026-12-01T00:00Z"));
    assertThat(QueryParams.periodBound(new JsonObject().put("from", "2026-11-30T12:00:00+01:00"), "from", false))
        .isEqualTo(OffsetDateTime.parse("2026-11-30T11:00Z"));
    assertThatThrownBy(() -> QueryParams.periodBound(new JsonObject().put("from", "noon"), "from", false))
        .isInstanceOf(Problem.class);
  }
}
