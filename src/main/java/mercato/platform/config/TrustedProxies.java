package mercato.platform.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code http.trustedProxies}: the addresses, or CIDR ranges ({@code 10.0.0.0/8},
 * {@code fd00::/8}), of the proxies whose {@code X-Forwarded-For} the edge believes. Only
 * address literals are read, never a name: matching a request's address does no DNS lookup.
 */
public final class TrustedProxies {
  private record Range(byte[] network, int bits) {}

  private final List<String> entries;
  private final List<Range> ranges;

  private TrustedProxies(List<String> entries, List<Range> ranges) {
    this.entries = List.copyOf(entries);
    this.ranges = List.copyOf(ranges);
  }

  /** Parses the listed entries; a name, a malformed address or prefix stops the start naming {@code key}. */
  public static TrustedProxies parse(String key, List<String> entries) {
    List<Range> ranges = new ArrayList<>();
    for (String entry : entries) {
      String text = entry.trim();
      int slash = text.indexOf('/');
      byte[] address = literal(slash < 0 ? text : text.substring(0, slash));
      if (address == null) {
        throw new ConfigException(key, "expected IP addresses or CIDR ranges (no host names), got \"" + entry + "\"");
      }
      int bits = address.length * 8;
      if (slash >= 0) {
        String prefix = text.substring(slash + 1);
        if (!prefix.matches("\\d{1,3}") || Integer.parseInt(prefix) > bits) {
          throw new ConfigException(key, "\"" + entry + "\" has a prefix length that is not 0 to " + bits);
        }
        bits = Integer.parseInt(prefix);
      }
      ranges.add(new Range(address, bits));
    }
    return new TrustedProxies(entries, ranges);
  }

  /** Whether {@code address} (a literal, as a socket's peer or a forwarded hop) is one of the proxies. */
  public boolean contains(String address) {
    byte[] bytes = address == null ? null : literal(address);
    if (bytes == null) {
      return false;
    }
    for (Range range : ranges) {
      if (range.network().length == bytes.length && matches(range, bytes)) {
        return true;
      }
    }
    return false;
  }

  public List<String> entries() {
    return entries;
  }

  public boolean isEmpty() {
    return ranges.isEmpty();
  }

  private static boolean matches(Range range, byte[] address) {
    int whole = range.bits() / 8;
    for (int i = 0; i < whole; i++) {
      if (range.network()[i] != address[i]) {
        return false;
      }
    }
    int rest = range.bits() % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xff << (8 - rest)) & 0xff;
    return (range.network()[whole] & mask) == (address[whole] & mask);
  }

  /**
   * The bytes of an IPv4 (dotted quad) or IPv6 literal, or null when {@code text} is neither.
   * An IPv4-mapped IPv6 address gives the IPv4 bytes. Never a DNS lookup: IPv4 is parsed here,
   * and IPv6 is handed to the JDK in brackets, which it parses as a literal or refuses.
   */
  public static byte[] literal(String text) {
    if (text.isEmpty() || text.length() > 45) {
      return null;
    }
    if (text.indexOf(':') < 0) {
      return ipv4(text);
    }
    if (!text.matches("[0-9A-Fa-f:.]+")) {
      return null;
    }
    try {
      return InetAddress.getByName("[" + text + "]").getAddress();
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private static byte[] ipv4(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    byte[] out = new byte[4];
    for (int i = 0; i < 4; i++) {
      if (!parts[i].matches("\\d{1,3}")) {
        return null;
      }
      int value = Integer.parseInt(parts[i]);
      if (value > 255) {
        return null;
      }
      out[i] = (byte) value;
    }
    return out;
  }
}
