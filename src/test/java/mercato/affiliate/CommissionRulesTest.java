package mercato.affiliate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Commission arithmetic (always rounded down, never overflowing) and referral code syntax. */
class CommissionRulesTest {
  @Test
  void commissionIsTheRateOfTheTotalRoundedDown() {
    assertThat(CommissionRules.commission(12345, 750)).isEqualTo(925); // 925.875
    assertThat(CommissionRules.commission(10000, 10000)).isEqualTo(10000);
    assertThat(CommissionRules.commission(99, 100)).isZero(); // 0.99
    assertThat(CommissionRules.commission(12345, 0)).isZero();
    assertThat(CommissionRules.commission(Long.MAX_VALUE, 10000)).isEqualTo(Long.MAX_VALUE);
    assertThat(CommissionRules.commission(Long.MAX_VALUE, 5000)).isEqualTo(Long.MAX_VALUE / 2);
  }

  @Test
  void aRefundLeavesTheShareOfTheOrderThatWasKept() {
    assertThat(CommissionRules.afterRefund(925, 12345, 4000)).isEqualTo(625); // 925 * 8345 / 12345 = 625.3
    assertThat(CommissionRules.afterRefund(925, 12345, 0)).isEqualTo(925);
    assertThat(CommissionRules.afterRefund(925, 12345, 12345)).isZero();
    assertThat(CommissionRules.afterRefund(925, 12345, 20000)).isZero(); // never negative
    assertThat(CommissionRules.afterRefund(Long.MAX_VALUE, Long.MAX_VALUE, 1)).isEqualTo(Long.MAX_VALUE - 1);
  }

  @Test
  void codesAreGeneratedAndCheckedByTheirSyntax() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      String code = ReferralCodes.generate();
      assertThat(code).matches("^[A-Z0-9]{8}$");
      seen.add(code);
    }
    assertThat(seen).hasSizeGreaterThan(195);
    assertThat(ReferralCodes.valid("summer_sale-24")).isTrue();
    assertThat(ReferralCodes.valid("abc")).isFalse();
    assertThat(ReferralCodes.valid("a".repeat(33))).isFalse();
    assertThat(ReferralCodes.valid("no spaces")).isFalse();
    assertThat(ReferralCodes.valid(null)).isFalse();
  }
}
