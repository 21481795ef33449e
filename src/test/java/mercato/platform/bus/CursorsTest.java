package mercato.platform.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Cursors decode what a list wrote and refuse everything else with a 400 at /cursor; limits never wrap. */
class CursorsTest {
  private static String raw(String plain) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  private static void refused(Runnable read, String pointer) {
    assertThatThrownBy(read::run).isInstanceOfSatisfying(Problem.class, p -> {
      assertThat(p.status()).isEqualTo(400);
      assertThat(p.toJson(null, null).encode()).contains("\"pointer\":\"" + pointer + "\"");
    });
  }

  @Test
  void aCursorRoundTrips() {
    UUID id = UUID.randomUUID();
    JsonObject decoded = Cursors.decode(Cursors.encode(new JsonObject().put("i", id.toString()).put("k", 12)
        .put("t", "2026-12-01T10:00:00Z").put("d", "4.25")));
    assertThat(Cursors.id(decoded, "i")).isEqualTo(id);
    assertThat(Cursors.whole(decoded, "k")).isEqualTo(12);
    assertThat(Cursors.time(Cursors.text(decoded, "t")).getYear()).isEqualTo(2026);
    assertThat(Cursors.decimal(Cursors.text(decoded, "d"))).isEqualByComparingTo("4.25");
  }

  @Test
  void whatNoListWroteIsA400() {
    for (String text : List.of("!!", raw("not json"), raw("[1]"), raw("{\"k\":\"\\u0000\"}"), "x".repeat(5000))) {
      refused(() -> Cursors.decode(text), "/cursor");
    }
    JsonObject odd = Cursors.decode(raw("{\"i\":\"nope\",\"k\":1e-20000,\"n\":9223372036854775808,\"c\":4294967297}"));
    refused(() -> Cursors.id(odd, "i"), "/cursor");
    refused(() -> Cursors.whole(odd, "k"), "/cursor");
    refused(() -> Cursors.whole(odd, "n"), "/cursor");
    refused(() -> Cursors.integer(odd, "c"), "/cursor");
    refused(() -> Cursors.text(odd, "k"), "/cursor");
    refused(() -> Cursors.decimal("1e-20000"), "/cursor");
    refused(() -> Cursors.decimal("1" + "0".repeat(60)), "/cursor");
    refused(() -> Cursors.time("+999999999-12-31T23:59:59Z"), "/cursor");
    refused(() -> Cursors.time("yesterday"), "/cursor");
  }

  @Test
  void aLimitIsCheckedBeforeItIsNarrowed() {
    assertThat(Pages.limit(new JsonObject(), 20, 100)).isEqualTo(20);
    assertThat(Pages.limit(new JsonObject().put("limit", 7L), 20, 100)).isEqualTo(7);
    assertThat(Pages.limit(new JsonObject().put("limit", "100"), 20, 100)).isEqualTo(100);
    for (Object limit : List.of(4294967297L, "2147483648", "9223372036854775808", 0L, "-1", "x", "1.5")) {
      refused(() -> Pages.limit(new JsonObject().put("limit", limit), 20, 100), "/limit");
    }
  }
}
