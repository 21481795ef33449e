package mercato.notification;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * Which addresses a webhook may reach when private networks are not allowed: public
 * unicast only. Refused: unspecified, loopback, private (10/8, 172.16/12, 192.168/16,
 * fc00::/7), link-local (169.254/16, fe80::/10), carrier-grade NAT (100.64/10),
 * multicast, reserved, documentation and benchmarking ranges, and the same checks on an
 * IPv4 address carried inside IPv6 (mapped, compatible, NAT64, 6to4). Pure, no I/O.
 */
final class NetworkGuard {
  private NetworkGuard() {}

  /** Null when {@code address} is public, otherwise why it is refused. */
  static String refusal(InetAddress address) {
    byte[] bytes = address.getAddress();
    return address instanceof Inet4Address ? refusal4(bytes, 0) : refusal6(bytes);
  }

  private static String refusal4(byte[] bytes, int at) {
    int a = bytes[at] & 0xFF;
    int b = bytes[at + 1] & 0xFF;
    int c = bytes[at + 2] & 0xFF;
    if (a == 0) {
      return "an unspecified address";
    }
    if (a == 127) {
      return "a loopback address";
    }
    if (a == 10 || (a == 172 && (b & 0xF0) == 16) || (a == 192 && b == 168)) {
      return "a private address";
    }
    if (a == 169 && b == 254) {
      return "a link-local address";
    }
    if (a == 100 && (b & 0xC0) == 64) {
      return "a carrier-grade NAT address";
    }
    if (a >= 224 && a <= 239) {
      return "a multicast address";
    }
    if (a >= 240) {
      return "a reserved address";
    }
    if (a == 192 && b == 0 && (c == 0 || c == 2)) {
      return "a reserved address";
    }
    if ((a == 198 && b == 51 && c == 100) || (a == 203 && b == 0 && c == 113) || (a == 198 && (b & 0xFE) == 18)) {
      return "a reserved address";
    }
    return null;
  }

  private static String refusal6(byte[] b) {
    if (zeros(b, 0, 15)) {
      return b[15] == 0 ? "an unspecified address" : b[15] == 1 ? "a loopback address" : refusal4(b, 12);
    }
    if (zeros(b, 0, 10) && (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF) {
      return refusal4(b, 12); // IPv4-mapped ::ffff:a.b.c.d
    }
    if (zeros(b, 0, 12)) {
      return refusal4(b, 12); // IPv4-compatible ::a.b.c.d (deprecated)
    }
    int first = ((b[0] & 0xFF) << 8) | (b[1] & 0xFF);
    int second = ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
    if (first == 0x0064 && second == 0xFF9B) {
      // NAT64: the well-known prefix 64:ff9b::/96 carries an IPv4 address; 64:ff9b:1::/48 is local use.
      return zeros(b, 4, 12) ? refusal4(b, 12) : "a local-use NAT64 address";
    }
    if (first == 0x2002) {
      return refusal4(b, 2); // 6to4 2002:a.b.c.d::/48
    }
    if ((b[0] & 0xFE) == 0xFC) {
      return "a private (unique local) address";
    }
    if ((b[0] & 0xFF) == 0xFE && (b[1] & 0xC0) == 0x80) {
      return "a link-local address";
    }
    if ((b[0] & 0xFF) == 0xFF) {
      return "a multicast address";
    }
    if (first == 0x2001 && (second == 0x0000 || second == 0x0DB8)) {
      return "a reserved address"; // Teredo tunnels, documentation
    }
    if ((b[0] & 0xE0) != 0x20) {
      return "not a global unicast address"; // only 2000::/3 is routed on the internet
    }
    return null;
  }

  /** Whether bytes [from, to) are all zero. */
  private static boolean zeros(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return true;
  }
}
