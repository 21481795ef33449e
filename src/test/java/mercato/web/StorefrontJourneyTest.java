package mercato.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mercato.testing.Await;
import mercato.testing.Browser;
import mercato.testing.GreenMailApi;
import mercato.testing.HttpClient;
import mercato.testing.WebNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * A customer's whole visit in a real headless Chromium against a whole node: a guest who
 * arrives through an affiliate link, browses a category, searches with a typo, picks a
 * suggestion with the keyboard, adds to the cart (kept across a reload), registers,
 * verifies the address from the mailed link, signs in and finds the cart merged, checks
 * out, has a card declined, pays with a card the bank confirms later and sees the order
 * turn paid live (no reload), reviews the product, and keeps eight tabs open on one shared
 * live stream. Every page is screenshotted and
 * checked by axe-core (no serious or critical violation), at desktop and phone sizes.
 */
class StorefrontJourneyTest {
  static WebNode web;
  static Browser browser;

  @BeforeAll
  static void start() {
    web = WebNode.start();
    browser = Browser.open(web.base, Browser.Size.DESKTOP);
  }

  @AfterAll
  static void stop() {
    try {
      if (browser != null) {
        browser.close();
      }
    } finally {
      if (web != null) {
        web.close();
      }
    }
  }

  /** The node's live notification streams: {opened, ended} so far. */
  static double[] liveStreams() {
    String metrics;
    try (HttpClient management = new HttpClient(web.app.node.managementPort())) {
      metrics = management.get("/metrics").bodyAsString();
    }
    return new double[] {counter(metrics, "mercato_live_streams_opened_total"),
        counter(metrics, "mercato_live_streams_ended_total")};
  }

  private static double counter(String metrics, String name) {
    Matcher found = Pattern.compile("(?m)^" + name + "(\\{[^}]*\\})? (\\S+)$").matcher(metrics);
    return found.find() ? Double.parseDouble(found.group(2)) : 0;
  }

  static By css(String selector) {
    return By.cssSelector(selector);
  }

  /** Waits until the storefront shows the page at the address bar's path in full (data loaded, focus moved). */
  static void rendered() {
    browser.until("the page to finish rendering", d -> Boolean.TRUE.equals(browser.script(
        "const page = document.getElementById('page');"
            + " return page.dataset.rendered === location.pathname + location.search;")));
  }

  /** Waits for the address, then for its page to be shown in full. */
  static void at(String prefix) {
    browser.atPath(prefix);
    rendered();
  }

  /** Types into the header's search box once the page is settled. */
  static WebElement search(String text) {
    rendered();
    browser.type(css("#search-input"), text);
    return browser.driver().findElement(css("#search-input"));
  }

  /** The cart count in the header, once it shows {@code units}. */
  static void cartShows(int units) {
    browser.until("the cart badge to show " + units, d -> {
      WebElement badge = d.findElement(css("#cart-count"));
      return badge.isDisplayed() && badge.getText().equals(String.valueOf(units));
    });
  }

  @Test
  void aGuestBrowsesSearchesBuysPaysAndReviews() {
    String email = WebNode.freshEmail("journey");

    // --- arrives through an affiliate link on the home page
    browser.go("/?ref=" + web.demo.referralCode());
    browser.withText(css("h1"), "Good things");
    browser.until("categories", d -> d.findElements(css(".category-list a")).size() >= 2);
    browser.until("best-rated products", d -> d.findElements(css(".product-card:not(.placeholder)")).size() >= 4);
    assertThat(browser.path()).isEqualTo("/"); // the code left the address, kept for the cart
    browser.until("the visit counted as the programme's click",
        d -> web.app.db.count("SELECT coalesce(sum(clicks), 0) FROM affiliate.referral_clicks") >= 1);
    browser.check("01-home-desktop");

    // --- a category, with facets
    browser.withText(css(".category-list a"), "Home").click();
    at("/products?category=");
    browser.until("kitchen and lighting products", d -> d.findElements(css("#results .product-card")).size() >= 5);
    browser.until("search hits with their pictures", d -> !d.findElements(css("#results img[src$='/img/kettle.svg']")).isEmpty());
    browser.withText(css("#facets"), "Kitchen");
    browser.withText(css("#facets"), "gift"); // the tags facet
    browser.withText(css("#facets"), "Price");
    browser.check("02-category-desktop");
    browser.click(css("#facets a[href*='minRating=4']"));
    browser.until("only the rated kettle", d -> d.findElements(css("#results .product-card")).size() == 1);
    browser.withText(css("#results"), "Copper Kettle");

    // --- a search with a typo finds the kettle anyway
    search("ketle").sendKeys(Keys.ENTER); // (Escape would clear a search box)
    at("/search?q=ketle");
    browser.withText(css("#results"), "Copper Kettle");
    browser.withText(css("#result-summary"), "close matches");
    browser.check("03-search-typo-desktop");

    // --- suggestions as you type, chosen with the keyboard
    WebElement box = search("kett");
    browser.withText(css("#search-suggestions"), "Copper Kettle");
    // past queries come first, then product names: arrow down to the product
    List<WebElement> options = browser.driver().findElements(css("#search-suggestions [role=option]"));
    int product = options.stream().map(WebElement::getText).toList().indexOf(options.stream().map(WebElement::getText)
        .filter(t -> t.startsWith("Copper Kettle")).findFirst().orElseThrow());
    for (int i = 0; i <= product; i++) {
      box.sendKeys(Keys.ARROW_DOWN);
    }
    browser.until("the product highlighted", d -> d.findElement(css("#search-suggestions [aria-selected=true]"))
        .getText().startsWith("Copper Kettle"));
    box.sendKeys(Keys.ENTER);
    at("/products/" + web.demo.product("Copper Kettle"));
    browser.withText(css("h1"), "Copper Kettle");
    browser.withText(css("#availability"), "In stock");
    browser.withText(css("#reviews"), "Boils fast");
    browser.withText(css("#rating-summary"), "2 reviews");
    browser.check("04-product-desktop");

    // --- into the cart, kept across a reload
    browser.type(css("#quantity"), "2");
    browser.click(css("#add-to-cart"));
    cartShows(2);
    browser.driver().navigate().refresh();
    rendered();
    browser.withText(css("h1"), "Copper Kettle");
    cartShows(2);
    browser.click(css("#nav-cart"));
    at("/cart");
    browser.withText(css("#cart-total"), "98");
    browser.check("05-cart-guest-desktop");

    // --- registers from the cart, verifies through the mailed link
    browser.click(By.linkText("Create account"));
    at("/register");
    browser.type(css("#f-name"), "Jo Journey");
    browser.type(css("#f-email"), email);
    browser.type(css("#f-password"), WebNode.PASSWORD);
    browser.check("06-register-desktop");
    browser.click(css("#register-form [type=submit]"));
    browser.withText(css("#registered"), email);
    GreenMailApi.Mail mail = GreenMailApi.await(email, 1, Duration.ofSeconds(40)).get(0);
    Matcher link = Pattern.compile(Pattern.quote(web.base) + "/verify-email\\?token=\\S+").matcher(mail.text());
    assertThat(link.find()).as(mail.text()).isTrue();
    browser.go(link.group());
    browser.withText(css("#verified"), "place orders");
    assertThat(browser.path()).isEqualTo("/verify-email"); // the token left the address bar
    browser.check("07-verified-desktop");

    // --- signs in: the guest cart is merged into the customer's
    browser.click(css("#continue"));
    at("/sign-in");
    browser.type(css("#f-email"), email);
    browser.type(css("#f-password"), WebNode.PASSWORD);
    browser.check("08-sign-in-desktop");
    browser.click(css("#sign-in-form [type=submit]"));
    at("/checkout");
    cartShows(2);
    assertThat(browser.storage()).doesNotContainKey("mercato.cartToken");

    // --- checks out with a shipping address
    browser.withText(css("h1"), "Checkout");
    browser.type(css("#f-name"), "Jo Journey");
    browser.type(css("#f-line1"), "2 Market St");
    browser.type(css("#f-postalCode"), "10115");
    browser.type(css("#f-city"), "Berlin");
    browser.check("09-checkout-desktop");
    browser.click(css("#place-order"));
    at("/orders/");
    String orderId = browser.path().substring("/orders/".length()).replaceAll("\\?.*", "");
    browser.visible(css("#payment-form"));

    // --- a declined card: said in words, nothing charged, the order can be paid again
    browser.click(css("#payment-form input[value=tok_declined]"));
    browser.click(css("#pay"));
    browser.withText(css("#payment-outcome"), "declined");
    browser.withText(css("#order-status"), "Payment failed");
    browser.check("10-payment-declined-desktop");

    // --- a card the bank confirms later: the page turns paid by itself
    browser.click(css("#payment-form input[value=tok_async]"));
    browser.click(css("#pay"));
    browser.until("the order to turn paid live", d -> !d.findElements(css("#order-status [data-status=paid]")).isEmpty());
    browser.check("11-order-paid-desktop");
    browser.until("the bell to count the update", d -> {
      List<WebElement> badge = d.findElements(css("#bell-count"));
      return !badge.isEmpty() && badge.get(0).isDisplayed();
    });

    // the order carries the affiliate code the guest arrived with
    String token = new JsonObject(browser.storage().get("mercato.session")).getString("accessToken");
    JsonObject order = web.ok(web.app.api.get("/orders/" + orderId, token));
    assertThat(order.getString("referralCode")).isEqualToIgnoringCase(web.demo.referralCode());
    assertThat(order.getJsonObject("total").getLong("amount")).isEqualTo(9800);

    // --- reviews what was bought
    browser.click(By.linkText("Review Copper Kettle"));
    at("/products/" + web.demo.product("Copper Kettle"));
    browser.visible(css("#review-form"));
    browser.click(css("#review-form input[name=rating][value='5']"));
    browser.type(css("#f-title"), "Worth every cent");
    browser.type(css("#f-text"), "Quick to boil <b>and</b> looks great.");
    browser.click(css("#review-form [type=submit]"));
    browser.withText(css("#write-review"), "published");
    browser.withText(css("#reviews"), "Worth every cent");
    browser.withText(css("#reviews"), "<b>and</b>"); // shown as the text it is, never as markup
    browser.check("12-review-desktop");

    // --- the rest of the account pages
    browser.click(css("#bell"));
    at("/notifications");
    browser.withText(css("#notification-list"), "Order paid");
    browser.check("13-notifications-desktop");
    browser.go("/preferences");
    browser.visible(css("#preferences"));
    browser.withText(css("#narrow-subscriptions"), "order " + orderId.substring(0, 8));
    browser.check("14-preferences-desktop");
    browser.go("/orders");
    browser.withText(css("main table"), "Paid");
    browser.check("15-orders-desktop");
    browser.go("/account");
    browser.withText(css("#email-heading"), "Email");
    browser.check("16-account-desktop");

    // --- eight tabs share one live stream: a browser opens six connections to a host, so a
    // stream per tab would starve the pages. The tab reading it closes; another takes over.
    String firstTab = browser.driver().getWindowHandle();
    List<String> tabs = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      tabs.add(browser.newTab("/orders/" + orderId));
      browser.visible(css("#order-status [data-status=paid]"));
    }
    Await.until("one stream for the eight tabs", Duration.ofSeconds(40), () -> liveStreams()[0] - liveStreams()[1] == 1);
    double opened = liveStreams()[0];
    browser.tab(firstTab);
    browser.closeTab(tabs.get(0));
    Await.until("another tab to take the stream over", Duration.ofSeconds(40),
        () -> liveStreams()[0] > opened && liveStreams()[0] - liveStreams()[1] == 1);
    int unread = Integer.parseInt(String.valueOf(browser.script("return document.getElementById('bell-count').textContent")));
    String customer = new JsonObject(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]),
        StandardCharsets.UTF_8)).getString("sub");
    web.ok(web.app.api.post("/notification/send", web.demo.adminToken(), new JsonObject().put("accountId", customer)
        .put("topic", "account").put("title", "Seen in every tab").put("body", "One stream, eight tabs.")), 202);
    for (String tab : tabs) {
      browser.tab(tab);
      browser.withText(css("#bell-count"), String.valueOf(unread + 1));
    }
    String last = tabs.get(tabs.size() - 1);
    for (String tab : tabs.subList(1, tabs.size() - 1)) {
      browser.tab(tab);
      browser.closeTab(last);
    }

    // --- the same pages read well on a phone
    browser.resize(Browser.Size.PHONE);
    browser.go("/");
    browser.until("best-rated products", d -> d.findElements(css(".product-card:not(.placeholder)")).size() >= 4);
    browser.check("21-home-phone");
    browser.go("/search?q=lamp");
    browser.withText(css("#results"), "Desk Lamp");
    browser.visible(css(".filters-toggle"));
    browser.check("22-search-phone");
    browser.go("/products/" + web.demo.product("Copper Kettle"));
    browser.withText(css("#reviews"), "Worth every cent");
    browser.check("23-product-phone");
    browser.go("/orders/" + orderId);
    browser.visible(css("#order-status [data-status=paid]"));
    browser.check("24-order-phone");
    browser.resize(Browser.Size.DESKTOP);
  }
}
