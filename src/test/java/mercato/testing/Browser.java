package mercato.testing;

import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromedriver}) for browser
 * journeys: phone and desktop window sizes, waits on conditions (never on time), screenshots
 * under {@code target/screenshots/}, and axe-core checks that fail on serious or critical
 * violations. A machine without the browser fails the test with the script that installs it.
 */
public final class Browser implements AutoCloseable {
  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  public static final Path SCREENSHOTS = Path.of("target", "screenshots");
  /** Generous for a slow, busy machine; every wait ends as soon as its condition holds. */
  public static final Duration WAIT = Duration.ofSeconds(40);

  /** The window sizes the journeys are checked at. */
  public enum Size {
    PHONE(390, 844), DESKTOP(1366, 900);

    final int width;
    final int height;

    Size(int width, int height) {
      this.width = width;
      this.height = height;
    }
  }

  private final WebDriver driver;
  private final Path profile;
  private final String base;
  private final List<String> axeReports = new ArrayList<>();

  private Browser(WebDriver driver, Path profile, String base) {
    this.driver = driver;
    this.profile = profile;
    this.base = base;
  }

  /** Fails (never skips) when the browser is not installed. */
  public static void require() {
    for (Path binary : List.of(CHROMIUM, CHROMEDRIVER)) {
      if (!Files.isExecutable(binary)) {
        throw new AssertionError(binary + " is missing: scripts/test.sh installs it (ensure_browser in"
            + " scripts/lib/common.sh), or run apt-get install -y chromium chromium-driver");
      }
    }
  }

  /** A fresh browser (its own profile) whose relative paths go to {@code base} (http://127.0.0.1:port). */
  public static Browser open(String base, Size size) {
    require();
    Path profile;
    try {
      profile = Files.createTempDirectory("mercato-chromium");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    // Without the background-networking flags Chromium waits on Google services this closed network lacks.
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-default-apps", "--disable-extensions", "--disable-dev-shm-usage", "--no-default-browser-check",
        "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=" + size.width + "," + size.height,
        "--lang=en-GB");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort()
        .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(WAIT).scriptTimeout(WAIT);
    Browser browser = new Browser(driver, profile, base);
    browser.resize(size);
    return browser;
  }

  public WebDriver driver() {
    return driver;
  }

  public void resize(Size size) {
    driver.manage().window().setSize(new Dimension(size.width, size.height));
  }

  /** Navigates to {@code path} on the node (or to an absolute URL). */
  public void go(String path) {
    driver.get(path.startsWith("http") ? path : base + path);
  }

  /** Opens {@code path} in a new tab of the same browser (one session, one cache) and shows it; the tab's handle. */
  public String newTab(String path) {
    driver.switchTo().newWindow(WindowType.TAB);
    go(path);
    return driver.getWindowHandle();
  }

  /** Shows the tab {@code handle}. */
  public void tab(String handle) {
    driver.switchTo().window(handle);
  }

  /** Closes the tab shown, then shows {@code next}. */
  public void closeTab(String next) {
    driver.close();
    driver.switchTo().window(next);
  }

  /** The path and query of the page shown. */
  public String path() {
    String url = driver.getCurrentUrl();
    return url.startsWith(base) ? url.substring(base.length()) : url;
  }

  /** Waits until {@code condition} gives a non-null, non-false value; that value. */
  public <T> T until(String what, Function<WebDriver, T> condition) {
    try {
      return new WebDriverWait(driver, WAIT, Duration.ofMillis(100))
          .ignoring(StaleElementReferenceException.class)
          .withMessage(what)
          .until(condition);
    } catch (TimeoutException e) {
      Path shot = screenshot("failed-" + System.currentTimeMillis()); // what the page showed instead
      throw new AssertionError("waited " + WAIT.toSeconds() + " s for " + what + " on " + path() + " (see " + shot + ")"
          + "\n--- browser console ---\n" + String.join("\n", console()), e);
    }
  }

  /** The element once it is visible. */
  public WebElement visible(By by) {
    return until(by + " visible", ExpectedConditions.visibilityOfElementLocated(by));
  }

  /** The element once it is visible and contains {@code text}. */
  public WebElement withText(By by, String text) {
    // A page that re-renders between the find and the read leaves a stale element: look again.
    return until(by + " containing \"" + text + "\"", d -> {
      try {
        for (WebElement element : d.findElements(by)) {
          if (element.isDisplayed() && element.getText().contains(text)) {
            return element;
          }
        }
      } catch (org.openqa.selenium.StaleElementReferenceException rendered) {
        return null;
      }
      return null;
    });
  }

  /** Waits until the address bar shows a path starting with {@code prefix}. */
  public void atPath(String prefix) {
    until("the page " + prefix, d -> path().startsWith(prefix));
  }

  /**
   * Clicks once the element can take a click; a page that re-renders it in between (a live
   * status update) leaves a stale element, which is found again, never clicked twice.
   */
  public void click(By by) {
    until(by + " clickable", d -> {
      WebElement element = ExpectedConditions.elementToBeClickable(by).apply(d);
      if (element == null) {
        return false;
      }
      try {
        element.click();
        return true;
      } catch (org.openqa.selenium.StaleElementReferenceException e) {
        return false;
      }
    });
  }

  /** Clears the field and types {@code text} into it. */
  public void type(By by, String text) {
    WebElement field = visible(by);
    field.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
    field.sendKeys(text);
  }

  /** The element the keyboard focus is on. */
  public WebElement focused() {
    return driver.switchTo().activeElement();
  }

  public Object script(String js, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(js, args);
  }

  /** A PNG of the window as {@code target/screenshots/<name>.png}; its path. */
  public Path screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
      Path target = SCREENSHOTS.resolve(name + ".png");
      Files.move(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Runs axe-core on the page as it is now and fails on any serious or critical violation,
   * naming the rule, the help and the offending elements. Minor and moderate ones are kept in
   * {@link #axeReports()}.
   */
  public void axe(String page) {
    Results results = new AxeBuilder().analyze(driver);
    if (results.isErrored()) {
      throw new AssertionError("axe-core failed on " + page + ": " + results.getErrorMessage());
    }
    List<String> serious = new ArrayList<>();
    for (Rule rule : results.getViolations()) {
      String line = rule.getImpact() + " " + rule.getId() + " (" + rule.getHelp() + ") at "
          + rule.getNodes().stream().map(CheckedNode::getHtml).limit(3).collect(Collectors.joining(" | "));
      if ("serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact())) {
        serious.add(line);
      } else {
        axeReports.add(page + ": " + line);
      }
    }
    if (!serious.isEmpty()) {
      throw new AssertionError("axe-core: serious or critical violations on " + page + " (" + path() + "):\n"
          + String.join("\n", serious));
    }
  }

  /** The minor and moderate axe findings seen so far. */
  public List<String> axeReports() {
    return List.copyOf(axeReports);
  }

  /** Screenshot plus axe check: what a journey does on every page it reaches. */
  public void check(String name) {
    screenshot(name);
    axe(name);
  }

  /** The browser console's messages so far (errors first in mind when a wait fails). */
  public List<String> console() {
    try {
      return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
          .map(LogEntry::toString).toList();
    } catch (RuntimeException e) {
      return List.of("(no console: " + e.getMessage() + ")");
    }
  }

  /** Values the page keeps in localStorage (tokens, cart token). */
  public Map<String, String> storage() {
    @SuppressWarnings("unchecked")
    Map<String, String> items = (Map<String, String>) script(
        "const o = {}; for (let i = 0; i < localStorage.length; i++) { const k = localStorage.key(i);"
            + " o[k] = localStorage.getItem(k); } return o;");
    return items;
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      deleteTree(profile);
    }
  }

  private static void deleteTree(Path root) {
    try (var paths = Files.walk(root)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp profile left behind is harmless
    }
  }
}
