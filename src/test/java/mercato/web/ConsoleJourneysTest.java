package mercato.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.UUID;
import mercato.testing.Await;
import mercato.testing.Browser;
import mercato.testing.Browser.Size;
import mercato.web.ConsoleNode.Account;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The console in a real headless Chromium against a whole node: a company, a warehouse
 * operator, an affiliate and an admin each sign in with their password and do their work
 * through the pages, while customers order through the public API. Every page reached is
 * photographed and checked by axe at the desktop and the phone size; every wait is on a
 * condition.
 */
class ConsoleJourneysTest {
  static ConsoleNode node;
  Browser browser;

  @BeforeAll
  static void start() {
    node = ConsoleNode.start();
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void aCompanyCreatesAndStocksAProductAndShipsTheOrder() {
    Account company = node.account("company");
    Account customer = node.account("customer");
    String tag = UUID.randomUUID().toString().substring(0, 6);
    signIn(company.email());
    check("company-start");

    open("Stock and warehouses");
    browser.click(By.xpath("//summary[normalize-space()='Add a warehouse']"));
    browser.type(By.name("name"), "Harbour DC " + tag);
    browser.type(By.name("line1"), "1 Quay");
    browser.type(By.name("city"), "Hamburg");
    browser.type(By.name("postalCode"), "20095");
    browser.type(By.name("country"), "DE");
    browser.click(By.xpath("//button[normalize-space()='Add warehouse']"));
    browser.withText(By.cssSelector("table"), "Harbour DC " + tag);
    String warehouse = node.ok(node.api.get("/warehouses", company.token())).getJsonArray("items").getJsonObject(0).getString("id");

    open("Products");
    browser.click(By.linkText("New product"));
    heading("New product");
    browser.type(By.name("name"), "Harbour Lamp " + tag);
    browser.type(By.name("sku"), "HL-" + tag);
    browser.type(By.name("price"), "12.50");
    new Select(browser.visible(By.name("status"))).selectByValue("active");
    browser.type(By.name("tags"), "new, gift");
    browser.click(By.xpath("//button[normalize-space()='Add an image']"));
    browser.type(By.name("imageUrl"), "https://images.example/lamp.png");
    browser.type(By.name("imageAlt"), "A brass lamp");
    browser.click(By.xpath("//button[normalize-space()='Create product']"));
    heading("Edit product");
    browser.atPath("/console/products/0");
    String product = browser.path().substring("/console/products/".length());
    JsonObject stored = node.ok(node.api.get("/products/" + product, company.token()));
    assertThat(stored.getJsonObject("price")).isEqualTo(new JsonObject().put("amount", 1250).put("currency", "EUR"));
    assertThat(stored.getString("status")).isEqualTo("active");
    assertThat(stored.getJsonArray("images").getJsonObject(0).getString("alt")).isEqualTo("A brass lamp");
    check("company-product");

    open("Stock and warehouses");
    WebElement stockForm = browser.visible(By.cssSelector("form[aria-label='Stock a product in a warehouse']"));
    new Select(stockForm.findElement(By.name("productId"))).selectByValue(product);
    new Select(stockForm.findElement(By.name("warehouseId"))).selectByValue(warehouse);
    WebElement onHand = stockForm.findElement(By.name("onHand"));
    onHand.sendKeys(Keys.chord(Keys.CONTROL, "a"), "7");
    stockForm.findElement(By.cssSelector("button[type=submit]")).click();
    browser.withText(By.cssSelector("[data-stock='" + product + ":" + warehouse + ":onHand']"), "7");
    check("company-stock");

    String order = node.placeAndPay(customer, product, 2, null);
    open("Orders to fulfil");
    WebElement card = browser.withText(By.cssSelector("article.order"), order.substring(order.length() - 8));
    card.findElement(By.name("carrier")).sendKeys("DHL");
    card.findElement(By.name("trackingNumber")).sendKeys("JD0146" + tag);
    check("company-orders");
    card.findElement(By.xpath(".//button[normalize-space()='Ship']")).click();
    browser.withText(By.cssSelector("article.order"), "Shipped with DHL, tracking JD0146" + tag);
    JsonObject shipped = node.ok(node.api.get("/orders/" + order, customer.token()));
    assertThat(shipped.getJsonArray("groups").getJsonObject(0).getString("status")).isEqualTo("shipped");
    assertThat(shipped.getJsonArray("groups").getJsonObject(0).getJsonObject("shipment").getString("trackingNumber"))
        .isEqualTo("JD0146" + tag);

    Await.until("analytics counted the paid order", Duration.ofSeconds(90), () -> node.ok(node.api.get("/analytics/sales",
        company.token())).getJsonArray("totals").stream().anyMatch(t -> ((JsonObject) t).getLong("orders") >= 1));
    open("Sales");
    browser.visible(By.cssSelector(".plot[data-drawn='true']"));
    browser.withText(By.cssSelector(".figures"), "€25.00");
    check("company-sales");
    open("Reviews");
    browser.visible(By.cssSelector(".empty, table"));
    check("company-reviews");
  }

  @Test
  void aWarehouseOperatorAcceptsUpdatesStockAndShipsItsPickList() {
    Account owner = node.account("company");
    Account operator = node.account("warehouse");
    Account customer = node.account("customer");
    String tag = UUID.randomUUID().toString().substring(0, 6);
    String warehouse = node.warehouse(owner, "Northgate " + tag, operator.email());
    String product = node.product(owner, "Crate " + tag, 1200, warehouse, 10);

    signIn(operator.email());
    open("Invitations");
    browser.withText(By.cssSelector("table"), "Northgate " + tag);
    check("warehouse-invitations");
    browser.click(By.xpath("//button[normalize-space()='Accept Northgate " + tag + "']"));
    browser.withText(By.cssSelector("[role=status]"), "You now operate Northgate " + tag);

    open("Warehouse stock");
    By onHand = By.cssSelector("[data-stock='" + product + ":" + warehouse + ":onHand']");
    browser.withText(onHand, "10");
    WebElement change = browser.visible(By.xpath("//form[contains(@aria-label, 'Change the stock of')]"));
    new Select(change.findElement(By.name("mode"))).selectByValue("add");
    WebElement quantity = change.findElement(By.name("quantity"));
    quantity.sendKeys(Keys.chord(Keys.CONTROL, "a"), "5");
    quantity.sendKeys(Keys.ENTER); // the keyboard submits the row's form
    browser.withText(onHand, "15");
    assertThat(node.ok(node.api.get("/inventory/products", operator.token())).getJsonArray("items").getJsonObject(0)
        .getInteger("onHand")).isEqualTo(15);
    check("warehouse-stock");

    String order = node.placeAndPay(customer, product, 3, null);
    open("Pick list");
    WebElement card = browser.withText(By.cssSelector("article.order"), order.substring(order.length() - 8));
    assertThat(card.getText()).contains("3 ×").contains("Crate " + tag).contains("Ada Buyer");
    check("warehouse-pick-list");
    card.findElement(By.name("carrier")).sendKeys("UPS");
    card.findElement(By.name("trackingNumber")).sendKeys("1Z" + tag);
    card.findElement(By.xpath(".//button[normalize-space()='Ship']")).click();
    browser.withText(By.cssSelector("article.order"), "Shipped with UPS");
    assertThat(node.ok(node.api.get("/orders/" + order, customer.token())).getJsonArray("groups").getJsonObject(0)
        .getString("status")).isEqualTo("shipped");
  }

  @Test
  void anAffiliateBuildsALinkThatBringsAnOrder() {
    Account affiliate = node.account("affiliate");
    Account seller = node.account("company");
    Account customer = node.account("customer");
    String tag = UUID.randomUUID().toString().substring(0, 6);
    String warehouse = node.warehouse(seller, "Depot " + tag, null);
    String word = "Zephyr" + tag.replaceAll("[^a-z]", "q");
    String product = node.product(seller, word + " Kite", 3000, warehouse, 10);
    Await.until("search indexed the kite", Duration.ofSeconds(90), () -> !node.ok(node.api.get("/search/products?q=" + word,
        null)).getJsonArray("items").isEmpty());

    signIn(affiliate.email());
    open("Link builder");
    browser.type(By.name("name"), "Kite Deals " + tag);
    browser.click(By.xpath("//button[normalize-space()='Register']"));
    String code = browser.visible(By.cssSelector("strong.code")).getText();
    assertThat(code).isNotBlank();
    browser.type(By.name("q"), word);
    browser.click(By.xpath("//button[normalize-space()='Find products']"));
    browser.click(By.xpath("//button[normalize-space()='Link to " + word + " Kite']"));
    WebElement built = browser.visible(By.id("built-link"));
    String link = built.getDomProperty("value");
    assertThat(link).isEqualTo(node.base + "/products/" + product + "?ref=" + code);
    assertThat(browser.focused().getDomAttribute("id")).isEqualTo("built-link");
    check("affiliate-links");

    // the storefront reports the visit that arrived on the link, and the order brought with its code
    String ref = link.substring(link.indexOf("ref=") + 4);
    node.ok(node.api.post("/affiliate-clicks", null, new JsonObject().put("referralCode", ref)), 204);
    node.placeAndPay(customer, product, 1, ref);
    Await.until("the commission was recorded", Duration.ofSeconds(90), () -> !node.ok(node.api.get("/affiliate-sales",
        affiliate.token())).getJsonArray("items").isEmpty());
    open("Orders and commissions");
    browser.withText(By.cssSelector("table"), "€1.50");
    browser.withText(By.cssSelector("table"), "pending");
    assertThat(browser.visible(By.cssSelector("[data-clicks]")).getText()).isEqualTo("1");
    browser.visible(By.cssSelector(".plot[data-drawn='true']"));
    check("affiliate-performance");
    open("Payouts");
    browser.withText(By.cssSelector("main"), "Nothing paid out yet.");
    check("affiliate-payouts");
  }

  @Test
  void anAdminGivesARoleAndReplaysADeadDelivery() {
    Account target = node.account("customer");
    Account seller = node.account("company");
    String marker = "Poison" + UUID.randomUUID().toString().substring(0, 6);
    RefusingSubscriber.REFUSED.add(marker);
    String poisoned = node.ok(node.api.post("/products", seller.token(), new JsonObject().put("name", marker + " Vase")
        .put("sku", marker).put("price", new JsonObject().put("amount", 900).put("currency", "EUR"))), 201).getString("id");
    String delivery = "SELECT d.status FROM catalog.outbox_delivery d JOIN catalog.outbox o USING (seq)"
        + " WHERE d.subscriber = 'refuser' AND o.subject = '" + poisoned + "'";
    Await.until("the refuser's delivery is dead", Duration.ofSeconds(90), () -> node.app.db.column(delivery).equals(java.util.List.of("dead")));

    signIn(ConsoleNode.ADMIN_EMAIL);
    open("Accounts");
    browser.type(By.name("emailContains"), target.email());
    browser.click(By.xpath("//button[normalize-space()='Search']"));
    WebElement row = browser.withText(By.cssSelector("tbody tr"), target.email());
    assertThat(browser.driver().findElements(By.cssSelector("tbody tr"))).hasSize(1);
    new Select(row.findElement(By.cssSelector("select"))).selectByValue("support");
    row.findElement(By.xpath(".//button[normalize-space()='Give role']")).sendKeys(Keys.ENTER);
    browser.withText(By.cssSelector("[role=status]"), target.email() + " now holds support.");
    JsonArray roles = node.ok(node.api.get("/admin/accounts?email=" + target.email(), node.login(ConsoleNode.ADMIN_EMAIL)))
        .getJsonArray("items").getJsonObject(0).getJsonArray("roles");
    assertThat(roles).containsExactly("support");
    check("admin-accounts");

    open("Dead deliveries");
    WebElement dead = browser.withText(By.cssSelector("tbody tr"), poisoned);
    assertThat(dead.getText()).contains("mercato.catalog.product-created.v1").contains("refuser");
    check("admin-dead-deliveries");
    RefusingSubscriber.REFUSED.remove(marker); // the subscriber is fixed
    dead.findElement(By.xpath(".//button[starts-with(normalize-space(), 'Replay')]")).click();
    browser.withText(By.cssSelector("[role=status]"), "Queued again: mercato.catalog.product-created.v1 to refuser.");
    Await.until("the replayed delivery reached the refuser", Duration.ofSeconds(90),
        () -> node.app.db.column(delivery).equals(java.util.List.of("delivered")));
    assertThat(browser.driver().findElement(By.cssSelector("main")).getText()).doesNotContain(poisoned);

    open("Roles and permissions");
    // The permissions offered are the ones the routes check, each with the routes it admits to.
    browser.withText(By.cssSelector("main form"), "catalog:categories");
    browser.withText(By.cssSelector("main form"), "POST /categories");
    for (String page : new String[] {"Roles and permissions", "Categories", "Email log", "Email templates"}) {
      open(page);
      browser.visible(By.cssSelector("main table, main form, main .empty"));
      check("admin-" + page.toLowerCase().replace(' ', '-'));
    }
    open("Analytics");
    for (String tab : new String[] {"Sales", "Traffic", "Behaviour", "Funnel"}) {
      browser.click(By.xpath("//nav[@aria-label='Reports']//a[normalize-space()='" + tab + "']"));
      heading("Analytics: " + tab);
      browser.visible(By.cssSelector("main figure, main .empty"));
      check("admin-analytics-" + tab.toLowerCase());
    }
  }

  // ---- helpers ----

  /** Opens the console and signs in through its form; the menu then shows the account's sections. */
  private void signIn(String email) {
    browser = Browser.open(node.base, Size.DESKTOP);
    browser.go("/console/");
    heading("Sign in to the console");
    check("sign-in");
    browser.type(By.name("email"), email);
    browser.type(By.name("password"), ConsoleNode.PASSWORD);
    browser.click(By.xpath("//button[normalize-space()='Sign in']"));
    heading("Console");
  }

  /** Follows the menu link to a section and waits for its page, whose heading takes the focus. */
  private void open(String section) {
    browser.click(By.xpath("//nav[@id='nav']//a[normalize-space()='" + section + "']"));
    heading(section);
  }

  private void heading(String text) {
    browser.withText(By.cssSelector("main h1"), text);
    browser.until("the focus on the heading " + text, d -> "h1".equals(browser.focused().getTagName())
        && browser.focused().getText().contains(text));
  }

  /** A screenshot and an axe check at the desktop size, then the same at the phone size. */
  private void check(String name) {
    browser.check(name + "-desktop");
    browser.resize(Size.PHONE);
    browser.until("the phone layout", d -> (Boolean) browser.script("return window.innerWidth < 720"));
    browser.check(name + "-phone");
    browser.resize(Size.DESKTOP);
    browser.until("the desktop layout", d -> (Boolean) browser.script("return window.innerWidth >= 720"));
  }
}
