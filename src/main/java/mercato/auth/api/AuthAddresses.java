package mercato.auth.api;

/** The auth domain's bus addresses: accounts, sessions, tokens, roles, API keys. */
public final class AuthAddresses {
  public static final String REGISTER = "mercato.auth.register";
  public static final String LOGIN = "mercato.auth.login";
  public static final String LOGOUT = "mercato.auth.logout";
  public static final String REFRESH_TOKEN = "mercato.auth.refresh-token";
  public static final String VERIFY_EMAIL = "mercato.auth.verify-email";
  public static final String RESEND_VERIFICATION = "mercato.auth.resend-verification";
  public static final String REQUEST_PASSWORD_RESET = "mercato.auth.request-password-reset";
  public static final String RESET_PASSWORD = "mercato.auth.reset-password";
  public static final String GET_JWKS = "mercato.auth.get-jwks";
  public static final String LIST_ROLES = "mercato.auth.list-roles";
  public static final String OWN_PERMISSIONS = "mercato.auth.own-permissions";
  public static final String CREATE_ROLE = "mercato.auth.create-role";
  public static final String UPDATE_ROLE = "mercato.auth.update-role";
  public static final String ASSIGN_ROLE = "mercato.auth.assign-role";
  public static final String UNASSIGN_ROLE = "mercato.auth.unassign-role";
  public static final String CREATE_ACCOUNT = "mercato.auth.create-account";
  /** Admins: accounts by email (exact or part), type, role and status, newest first, paged. */
  public static final String LIST_ACCOUNTS = "mercato.auth.list-accounts";
  /** Internal, body {accountId} or {email}: one account's public facts (type, email, verified, active). */
  public static final String GET_ACCOUNT = "mercato.auth.get-account";
  /** Internal, body {accountIds} (at most 500): those accounts' public facts, {items}; unknown ids are left out. */
  public static final String GET_ACCOUNTS = "mercato.auth.get-accounts";
  /** Internal: disable login, erase the email, end every session (profile deletion). */
  public static final String CLOSE_ACCOUNT = "mercato.auth.close-account";
  /** Internal: bind a warehouse account to the warehouse it operates (inventory). */
  public static final String BIND_WAREHOUSE = "mercato.auth.bind-warehouse";
  /** An account makes an API key for itself, with scopes it could use: the key's text answered once. */
  public static final String CREATE_API_KEY = "mercato.auth.create-api-key";
  /** The caller's API keys (an admin: the path account's), never their secrets. */
  public static final String LIST_API_KEYS = "mercato.auth.list-api-keys";
  /** Revokes one API key (idempotent) and denies it on every edge at once. */
  public static final String REVOKE_API_KEY = "mercato.auth.revoke-api-key";
  /** Internal, for the edge, body {hash}: the principal of a key's account as it is now, and the key's scopes. */
  public static final String RESOLVE_API_KEY = "mercato.auth.resolve-api-key";
  /**
   * Published (may be lost), body the account id, when an account's roles change: edges forget
   * what they remember of its API keys, so a key acts with the roles the account holds now.
   */
  public static final String ACCOUNT_CHANGED = "mercato.auth.broadcast.account-changed";
  /** Published (may be lost) when roles or their permissions change; edges reload them. */
  public static final String ROLES_CHANGED = "mercato.auth.broadcast.roles-changed";

  private AuthAddresses() {}
}
