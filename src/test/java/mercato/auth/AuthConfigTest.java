package mercato.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import mercato.platform.config.ConfigException;
import mercato.platform.config.MercatoConfig;
import mercato.platform.config.TokensConfig;
import mercato.testing.TestConfig;
import mercato.testing.TestTokens;
import org.junit.jupiter.api.Test;

/** Auth signs with the first key of the shared tokens: section, and takes its lifetimes from auth:. */
class AuthConfigTest {
  @Test
  void authReadsTheSharedKeysAndItsOwnLifetimes() {
    try (TestTokens keys = new TestTokens("cfg-1")) {
      MercatoConfig config = TestConfig.of(null, Map.of("auth.accessTokenMinutes", "20", "tokens.issuer", "shop"),
          keys.yaml());
      AuthConfig auth = AuthConfig.read(config.section("auth"), config.tokens());
      assertThat(auth.issuer()).isEqualTo("shop");
      assertThat(auth.accessTokenMinutes()).isEqualTo(20);
      assertThat(auth.refreshTokenDays()).isEqualTo(30);
      assertThat(auth.keys()).hasSize(1);
      assertThat(auth.keys().get(0).kid()).isEqualTo("cfg-1");
      assertThat(auth.keys().get(0).privatePem()).contains("PRIVATE KEY");
    }
  }

  @Test
  void authNeedsAKeyAndTheFirstOneSigns() {
    MercatoConfig config = TestConfig.of(null, Map.of());
    TokensConfig none = new TokensConfig("mercato", "mercato", "ES256", List.of());
    assertThatThrownBy(() -> AuthConfig.read(config.section("auth"), none))
        .isInstanceOf(ConfigException.class).hasMessageContaining("'tokens.keys'");
    try (TestTokens keys = new TestTokens("cfg-2")) {
      TokensConfig publicOnly = new TokensConfig("mercato", "mercato", "ES256",
          List.of(new TokensConfig.Key("tokens.keys[0]", "cfg-2", keys.publicKeyFile().toString(), null)));
      assertThatThrownBy(() -> AuthConfig.read(config.section("auth"), publicOnly))
          .hasMessage("config key 'tokens.keys[0].privateKey': the first key signs, so it needs its private key");
    }
    TokensConfig missing = new TokensConfig("mercato", "mercato", "ES256",
        List.of(new TokensConfig.Key("tokens.keys[0]", "gone", "/nonexistent/gone.pub.pem", null)));
    assertThatThrownBy(() -> AuthConfig.read(config.section("auth"), missing))
        .hasMessageStartingWith("config key 'tokens.keys[0].publicKey': cannot read /nonexistent/gone.pub.pem");
  }
}
