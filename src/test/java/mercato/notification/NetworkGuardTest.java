package mercato.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

/** Which webhook addresses and URLs are refused when private networks are not allowed. */
class NetworkGuardTest {
  private static String refusal(String literal) throws UnknownHostException {
    return NetworkGuard.refusal(InetAddress.getByName(literal));
  }

  @Test
  void refusesEveryNonPublicRange() throws Exception {
    String[] refused = {
        "0.0.0.0", "0.1.2.3", "127.0.0.1", "127.255.255.254", "10.0.0.1", "10.255.255.255", "172.16.0.1",
        "172.31.255.255", "192.168.1.1", "169.254.169.254", "100.64.0.1", "100.127.255.255", "224.0.0.1",
        "239.255.255.250", "240.0.0.1", "255.255.255.255", "192.0.0.1", "198.18.0.1", "192.0.2.1",
        "::", "::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:169.254.169.254", "::127.0.0.1",
        "fe80::1", "febf::1", "fc00::1", "fd12:3456::1", "ff02::1", "64:ff9b::a9fe:a9fe", "64:ff9b:1::1",
        "2002:7f00:1::", "2002:a00:1::", "2001:db8::1", "2001:0:4136:e378::1", "100::1", "fec0::1"};
    for (String address : refused) {
      assertThat(refusal(address)).as(address).isNotNull();
    }
  }

  @Test
  void namesTheReason() throws Exception {
    assertThat(refusal("127.0.0.1")).isEqualTo("a loopback address");
    assertThat(refusal("::1")).isEqualTo("a loopback address");
    assertThat(refusal("169.254.169.254")).isEqualTo("a link-local address");
    assertThat(refusal("10.1.2.3")).isEqualTo("a private address");
    assertThat(refusal("100.64.1.1")).isEqualTo("a carrier-grade NAT address");
    assertThat(refusal("::ffff:192.168.0.1")).isEqualTo("a private address");
  }

  @Test
  void admitsPublicAddresses() throws Exception {
    String[] admitted = {"1.1.1.1", "8.8.8.8", "93.184.216.34", "172.32.0.1", "172.15.255.255", "100.128.0.1",
        "169.253.0.1", "192.169.0.1", "2606:4700:4700::1111", "2a00:1450:4001::200e", "64:ff9b::808:808",
        "2002:808:808::1"};
    for (String address : admitted) {
      assertThat(refusal(address)).as(address).isNull();
    }
  }

  @Test
  void urlSyntaxRules() {
    WebhookTargets.Target target = WebhookTargets.parse("https://Hooks.Example.com/in/a?x=1&y=2", false);
    assertThat(target.host()).isEqualTo("hooks.example.com");
    assertThat(target.port()).isEqualTo(443);
    assertThat(target.tls()).isTrue();
    assertThat(target.requestUri()).isEqualTo("/in/a?x=1&y=2");
    assertThat(target.origin()).isEqualTo("https://hooks.example.com:443");
    assertThat(WebhookTargets.parse("https://[2606:4700::1]:8443", false).host()).isEqualTo("2606:4700::1");
    assertThat(WebhookTargets.parse("https://[2606:4700::1]:8443", false).requestUri()).isEqualTo("/");
    assertThat(WebhookTargets.parse("http://127.0.0.1:9/x", true).port()).isEqualTo(9);

    for (String bad : new String[] {"http://example.com/", "ftp://example.com/", "example.com/hook", "https://",
        "https://user:pw@example.com/", "https://example.com/#frag", "https://exa mple.com/", "javascript:alert(1)"}) {
      assertThatThrownBy(() -> WebhookTargets.parse(bad, false)).as(bad).isInstanceOf(WebhookTargets.Refused.class);
    }
    assertThatThrownBy(() -> WebhookTargets.parse("http://example.com/", false)).hasMessage("must be an https URL");
  }
}
