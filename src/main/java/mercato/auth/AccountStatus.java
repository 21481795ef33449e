package mercato.auth;

/**
 * An account's status as admins see and filter it ({@link #text}). It is not stored as such:
 * an account is closed once closed_at is set (for good), otherwise active or disabled by its
 * active flag. Only an active account logs in.
 */
enum AccountStatus {
  ACTIVE("active"),
  DISABLED("disabled"),
  CLOSED("closed");

  final String text;

  AccountStatus(String text) {
    this.text = text;
  }

  /** The status of an account row: its active flag, and whether closed_at is set. */
  static AccountStatus of(boolean active, boolean closed) {
    return closed ? CLOSED : active ? ACTIVE : DISABLED;
  }
}
