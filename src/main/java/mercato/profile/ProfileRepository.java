package mercato.profile;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;

/** Profiles: read, upsert, create on registration, erase on closure. */
final class ProfileRepository {
  static final String SELECT = """
      SELECT account_id, type, first_name, last_name, phone, addresses, legal_name, vat_id, address, website,
             location, capacity, payout
        FROM profiles WHERE account_id = $1 AND erased_at IS NULL
      """;
  static final String SELECT_FOR_UPDATE = SELECT + " FOR UPDATE";
  static final String UPSERT = """
      INSERT INTO profiles (account_id, type, first_name, last_name, phone, addresses, legal_name, vat_id, address,
                            website, location, capacity, payout)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
      ON CONFLICT (account_id) DO UPDATE SET
        first_name = $3, last_name = $4, phone = $5, addresses = $6, legal_name = $7, vat_id = $8, address = $9,
        website = $10, location = $11, capacity = $12, payout = $13, updated_at = now()
      WHERE profiles.erased_at IS NULL
      """;
  static final String CREATE = """
      INSERT INTO profiles (account_id, type) VALUES ($1, $2) ON CONFLICT (account_id) DO NOTHING
      """;
  // Personal data goes; the row stays (erased) so late events cannot bring it back.
  static final String ERASE = """
      INSERT INTO profiles (account_id, type, erased_at) VALUES ($1, 'closed', now())
      ON CONFLICT (account_id) DO UPDATE SET
        first_name = NULL, last_name = NULL, phone = NULL, addresses = '[]', legal_name = NULL, vat_id = NULL,
        address = NULL, website = NULL, location = NULL, capacity = NULL, payout = NULL,
        erased_at = coalesce(profiles.erased_at, now()), updated_at = now()
      """;

  private ProfileRepository() {}

  static Future<Profile> find(SqlClient client, UUID account, boolean forUpdate) {
    return client.preparedQuery(forUpdate ? SELECT_FOR_UPDATE : SELECT).execute(Tuple.of(account))
        .map(rows -> rows.size() == 0 ? null : Profile.from(rows.iterator().next()));
  }

  static Future<Void> save(SqlClient client, Profile profile) {
    return client.preparedQuery(UPSERT).execute(profile.tuple()).mapEmpty();
  }

  static Future<Void> create(SqlClient client, UUID account, String type) {
    return client.preparedQuery(CREATE).execute(Tuple.of(account, type)).mapEmpty();
  }

  static Future<Void> erase(SqlClient client, UUID account) {
    return client.preparedQuery(ERASE).execute(Tuple.of(account)).mapEmpty();
  }
}
