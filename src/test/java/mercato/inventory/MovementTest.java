package mercato.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** How each way stock moves changes on hand, reserved and available, without a database. */
class MovementTest {
  private static final UUID PRODUCT = UUID.randomUUID();
  private static final UUID WAREHOUSE = UUID.randomUUID();
  private static final Allocation.Pick PICK = new Allocation.Pick(PRODUCT, WAREHOUSE, 3);

  @Test
  void reservingHoldsUnitsWithoutMovingOnHand() {
    assertMoves(Movement.reserve(PICK), 0, 3, -3, Movement.Reason.RESERVE);
  }

  @Test
  void releasingOrExpiringGivesHeldUnitsBack() {
    assertMoves(Movement.unreserve(PICK, Movement.Reason.RELEASE), 0, -3, 3, Movement.Reason.RELEASE);
    assertMoves(Movement.unreserve(PICK, Movement.Reason.EXPIRE), 0, -3, 3, Movement.Reason.EXPIRE);
  }

  @Test
  void committingTakesHeldUnitsOffHandLeavingAvailableAlone() {
    assertMoves(Movement.commit(PICK), -3, -3, 0, Movement.Reason.COMMIT);
  }

  @Test
  void restockingPutsSoldUnitsBackOnHand() {
    assertMoves(Movement.restock(PICK), 3, 0, 3, Movement.Reason.RETURN);
  }

  @Test
  void aCountMovesOnHandOnly() {
    assertMoves(Movement.onHand(PRODUCT, WAREHOUSE, -5, Movement.Reason.ADJUST), -5, 0, -5, Movement.Reason.ADJUST);
    assertMoves(Movement.onHand(PRODUCT, WAREHOUSE, 7, Movement.Reason.SET), 7, 0, 7, Movement.Reason.SET);
    assertMoves(Movement.onHand(PRODUCT, WAREHOUSE, 2, Movement.Reason.SYNC), 2, 0, 2, Movement.Reason.SYNC);
  }

  @Test
  void everyReasonIsOneTheLedgerAllows() throws IOException {
    // The last migration that sets the CHECK wins; 'receive' is allowed but nothing writes it.
    String sql = Files.readString(Path.of("src/main/resources/db/inventory/V2__returned_reservations.sql"));
    Matcher m = Pattern.compile("CHECK \\(reason IN \\(([^)]*)\\)\\)").matcher(sql);
    assertThat(m.find()).isTrue();
    assertThat(Arrays.stream(m.group(1).split(",")).map(s -> s.strip().replace("'", "")))
        .containsAll(Arrays.stream(Movement.Reason.values()).map(r -> r.text).toList());
  }

  private static void assertMoves(Movement movement, int onHand, int reserved, int available, Movement.Reason reason) {
    assertThat(movement.productId()).isEqualTo(PRODUCT);
    assertThat(movement.warehouseId()).isEqualTo(WAREHOUSE);
    assertThat(movement.deltaOnHand()).as("on hand").isEqualTo(onHand);
    assertThat(movement.deltaReserved()).as("reserved").isEqualTo(reserved);
    assertThat(movement.deltaAvailable()).as("available").isEqualTo(available);
    assertThat(movement.reason()).isEqualTo(reason);
  }
}
