package mercato.auth.api;

/**
 * Events the auth domain writes. Private ones carry secrets or personal data for
 * Mercato's own subscribers (email) and never leave through Kafka.
 */
public final class AuthEvents {
  /** {accountId, type, createdAt} */
  public static final String REGISTERED = "mercato.auth.registered.v1";
  /** private: {accountId, email, name, token} */
  public static final String VERIFICATION_REQUESTED = "mercato.auth.verification-requested.v1";
  /** private: {accountId, email, name} */
  public static final String EMAIL_VERIFIED = "mercato.auth.email-verified.v1";
  /** private: {accountId, email, name, token, expiresAt} */
  public static final String PASSWORD_RESET_REQUESTED = "mercato.auth.password-reset-requested.v1";
  /** {accountId} */
  public static final String PASSWORD_CHANGED = "mercato.auth.password-changed.v1";
  /** {accountId}: personal data must be erased everywhere */
  public static final String ACCOUNT_CLOSED = "mercato.auth.account-closed.v1";
  /** {keyId, accountId, name, prefix, scopes, expiresAt, by}: never the key's text or hash */
  public static final String API_KEY_CREATED = "mercato.auth.api-key-created.v1";
  /** {keyId, accountId, prefix, revokedAt, by}: once per key, not on a repeated revocation */
  public static final String API_KEY_REVOKED = "mercato.auth.api-key-revoked.v1";

  private AuthEvents() {}
}
