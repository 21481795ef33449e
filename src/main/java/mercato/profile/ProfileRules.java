package mercato.profile;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import mercato.platform.bus.Problem;

/** Field rules the contract cannot state: country codes, phone and VAT shapes, web addresses. */
final class ProfileRules {
  private static final Pattern PHONE = Pattern.compile("^\\+?[0-9 ().-]{6,24}$");
  private static final Pattern VAT = Pattern.compile("^[A-Z]{2}[A-Z0-9]{2,13}$");
  private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

  private ProfileRules() {}

  static void check(JsonObject fields) {
    String phone = fields.getString("phone");
    if (phone != null && !PHONE.matcher(phone).matches()) {
      throw Problem.invalidField("/phone", "must be a phone number such as +44 20 7946 0000");
    }
    String vat = fields.getString("vatId");
    if (vat != null && !VAT.matcher(vat).matches()) {
      throw Problem.invalidField("/vatId", "must be a VAT id such as DE123456789");
    }
    String website = fields.getString("website");
    if (website != null && !website.matches("^https?://[^\\s/$.?#][^\\s]*$")) {
      throw Problem.invalidField("/website", "must be an http(s) address");
    }
    JsonArray addresses = fields.getJsonArray("addresses");
    if (addresses != null) {
      for (int i = 0; i < addresses.size(); i++) {
        address(addresses.getJsonObject(i), "/addresses/" + i);
      }
    }
    if (fields.getJsonObject("address") != null) {
      address(fields.getJsonObject("address"), "/address");
    }
    if (fields.getJsonObject("location") != null) {
      address(fields.getJsonObject("location"), "/location");
    }
  }

  private static void address(JsonObject address, String pointer) {
    String country = address.getString("country");
    if (country == null || !COUNTRIES.contains(country)) {
      throw Problem.invalidField(pointer + "/country", "must be an ISO 3166 alpha-2 code such as DE");
    }
  }
}
