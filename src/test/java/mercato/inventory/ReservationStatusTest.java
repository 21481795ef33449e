package mercato.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mercato.inventory.api.InventoryStates;
import org.junit.jupiter.api.Test;

/** A reservation's status texts: what the database allows, what the order domain compares. */
class ReservationStatusTest {
  @Test
  void eachStatusIsReadBackFromItsTextAndNoOtherTextIs() {
    for (ReservationStatus status : ReservationStatus.values()) {
      assertThat(ReservationStatus.of(status.text)).isSameAs(status);
    }
    for (String text : Arrays.asList("ACTIVE", "none", "", null)) {
      assertThatThrownBy(() -> ReservationStatus.of(text)).as(String.valueOf(text))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void theTextsAreExactlyWhatTheTableAllows() throws IOException {
    // V2 replaced V1's CHECK with the one that adds returned.
    String sql = Files.readString(Path.of("src/main/resources/db/inventory/V2__returned_reservations.sql"));
    Matcher m = Pattern.compile("CHECK \\(status IN \\(([^)]*)\\)\\)").matcher(sql);
    assertThat(m.find()).isTrue();
    assertThat(Arrays.stream(ReservationStatus.values()).map(s -> s.text))
        .containsExactlyInAnyOrderElementsOf(Arrays.stream(m.group(1).split(","))
            .map(s -> s.strip().replace("'", "")).toList());
  }

  @Test
  void theActiveTextTheOrderDomainComparesIsTheEnumsOwn() {
    assertThat(ReservationStatus.ACTIVE.text).isEqualTo(InventoryStates.RESERVATION_ACTIVE).isEqualTo("active");
  }
}
