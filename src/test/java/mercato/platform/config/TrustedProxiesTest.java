package mercato.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** http.trustedProxies: addresses and CIDR ranges, literals only, and how the environment sets them. */
class TrustedProxiesTest {
  @Test
  void addressesAndRangesMatchOnlyWhatTheyCover() {
    TrustedProxies proxies = TrustedProxies.parse("http.trustedProxies",
        List.of("127.0.0.2", "10.1.0.0/16", "fd00::/8", "::1", "192.168.7.0/25"));
    assertThat(proxies.contains("127.0.0.2")).isTrue();
    assertThat(proxies.contains("127.0.0.1")).isFalse();
    assertThat(proxies.contains("10.1.255.7")).isTrue();
    assertThat(proxies.contains("10.2.0.1")).isFalse();
    assertThat(proxies.contains("fd12:3456::1")).isTrue();
    assertThat(proxies.contains("fe80::1")).isFalse();
    assertThat(proxies.contains("0:0:0:0:0:0:0:1")).isTrue();
    assertThat(proxies.contains("192.168.7.127")).isTrue();
    assertThat(proxies.contains("192.168.7.128")).isFalse();
    assertThat(proxies.contains("::ffff:127.0.0.2")).as("an IPv4-mapped address is its IPv4 address").isTrue();
  }

  @Test
  void namesAndMalformedTextAreNeverAddresses() {
    TrustedProxies proxies = TrustedProxies.parse("http.trustedProxies", List.of("0.0.0.0/0", "::/0"));
    for (String text : List.of("localhost", "cafe.bad", "abc::g", "1.2.3", "1.2.3.256", "01234.1.1.1", "", "unknown",
        "1.2.3.4 ", "[::1]", "127.0.0.1%lo", "::1::2")) {
      assertThat(TrustedProxies.literal(text)).as("literal(\"%s\")", text).isNull();
      assertThat(proxies.contains(text)).as("contains(\"%s\")", text).isFalse();
    }
    assertThat(proxies.contains(null)).isFalse();
    assertThat(proxies.contains("203.0.113.9")).isTrue();
  }

  @Test
  void aNameOrABadPrefixStopsTheStartNamingTheKey() {
    assertThatThrownBy(() -> TrustedProxies.parse("http.trustedProxies", List.of("nginx.internal")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("http.trustedProxies").hasMessageContaining("nginx.internal");
    assertThatThrownBy(() -> TrustedProxies.parse("http.trustedProxies", List.of("10.0.0.0/33")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("prefix length");
    assertThatThrownBy(() -> TrustedProxies.parse("http.trustedProxies", List.of("10.0.0.0/x")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("prefix length");
  }

  @Test
  void theDefaultIsLoopbackAndTheEnvironmentReplacesTheList() {
    MercatoConfig defaults = MercatoConfig.read(ConfigLoader.load(null, new Properties(), Map.of()));
    assertThat(defaults.http().trustForwardedFor()).isFalse();
    assertThat(defaults.http().trustedProxies().entries()).containsExactly("127.0.0.1", "::1");
    MercatoConfig set = MercatoConfig.read(ConfigLoader.load(null, new Properties(),
        Map.of("MERCATO_HTTP_TRUST_FORWARDED_FOR", "true", "MERCATO_HTTP_TRUSTED_PROXIES", "10.0.0.5, 10.0.1.0/24")));
    assertThat(set.http().trustForwardedFor()).isTrue();
    assertThat(set.http().trustedProxies().contains("10.0.1.77")).isTrue();
    assertThat(set.http().trustedProxies().contains("127.0.0.1")).isFalse();
  }
}
