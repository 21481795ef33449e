package mercato.platform.redis;

/** Redis keys more than one part of Mercato reads or writes. */
public final class RedisKeys {
  private RedisKeys() {}

  /** Marks an access token id as denied (logout, revoked session) until the token expires. */
  public static String denial(String jti) {
    return "mercato:deny:" + jti;
  }
}
