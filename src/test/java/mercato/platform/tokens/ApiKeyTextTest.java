package mercato.platform.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The text of an API key: its shape, its randomness, its display prefix and its hash. */
class ApiKeyTextTest {
  @Test
  void aKeyIsMkAnd320RandomBitsOfWhichAPrefixIsShown() {
    String key = ApiKeyText.generate();
    assertThat(key).matches("mk_[A-Za-z0-9_-]{54}");
    assertThat(ApiKeyText.wellFormed(key)).isTrue();
    assertThat(ApiKeyText.isKey(key)).isTrue();
    assertThat(ApiKeyText.displayPrefix(key)).hasSize(11).isEqualTo(key.substring(0, 11));
    // What is never shown again: at least 256 random bits after the prefix (6 bits a character).
    assertThat((key.length() - ApiKeyText.SHOWN) * 6).isGreaterThanOrEqualTo(256);
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      keys.add(ApiKeyText.generate());
    }
    assertThat(keys).hasSize(1000);
  }

  @Test
  void malformedTextIsNoKey() {
    assertThat(ApiKeyText.wellFormed("mk_")).isFalse();
    assertThat(ApiKeyText.wellFormed("mk_" + "a".repeat(53))).isFalse();
    assertThat(ApiKeyText.wellFormed("mk_" + "a".repeat(55))).isFalse();
    assertThat(ApiKeyText.wellFormed("mk_" + "a".repeat(53) + "=")).isFalse();
    assertThat(ApiKeyText.isKey("eyJhbGciOiJFUzI1NiJ9.x.y")).isFalse();
  }

  @Test
  void theHashIsSha256OfTheWholeText() {
    String key = ApiKeyText.generate();
    assertThat(ApiKeyText.hash(key)).hasSize(32).isEqualTo(ApiKeyText.hash(key));
    assertThat(ApiKeyText.hash(key)).isNotEqualTo(ApiKeyText.hash(ApiKeyText.generate()));
    assertThat(ApiKeyText.REMEMBERED).isLessThan(ApiKeyText.DENIED_FOR);
  }
}
