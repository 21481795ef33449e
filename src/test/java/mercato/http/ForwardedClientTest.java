package mercato.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import mercato.platform.config.TrustedProxies;
import org.junit.jupiter.api.Test;

/** Which X-Forwarded-For hop is the client, once the connection came from a trusted proxy. */
class ForwardedClientTest {
  private static final TrustedProxies PROXIES = TrustedProxies.parse("http.trustedProxies", List.of("127.0.0.2", "10.0.0.0/24"));

  @Test
  void theRightmostHopThatIsNoTrustedProxyIsTheClient() {
    assertThat(Caller.forwardedClient("127.0.0.2", List.of("203.0.113.7"), PROXIES)).isEqualTo("203.0.113.7");
    // A client's own X-Forwarded-For, appended to by the proxy: the text it wrote is left of its address.
    assertThat(Caller.forwardedClient("127.0.0.2", List.of("198.51.100.1, 203.0.113.7"), PROXIES)).isEqualTo("203.0.113.7");
    // Two proxies in a row (a load balancer, then nginx), and the header split over two lines.
    assertThat(Caller.forwardedClient("127.0.0.2", List.of("198.51.100.1", "203.0.113.7, 10.0.0.4"), PROXIES))
        .isEqualTo("203.0.113.7");
  }

  @Test
  void aHopThatIsNoAddressEndsTheWalkAtTheLastProxy() {
    assertThat(Caller.forwardedClient("127.0.0.2", List.of("evil, not-an-address"), PROXIES)).isEqualTo("127.0.0.2");
    assertThat(Caller.forwardedClient("127.0.0.2", List.of(""), PROXIES)).isEqualTo("127.0.0.2");
    assertThat(Caller.forwardedClient("127.0.0.2", List.of(), PROXIES)).isEqualTo("127.0.0.2");
    assertThat(Caller.forwardedClient("127.0.0.2", List.of("203.0.113.7, 10.0.0.4, cafe.bad"), PROXIES)).isEqualTo("127.0.0.2");
  }

  @Test
  void aPeerThatIsNoTrustedProxyIsTheClientWhateverItSends() {
    assertThat(Caller.forwardedClient("127.0.0.1", List.of("203.0.113.7"), PROXIES)).isEqualTo("127.0.0.1");
  }
}
