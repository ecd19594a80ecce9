package io.pointsaga.local;

import static io.pointsaga.local.ShopifyWebhooks.line;
import static io.pointsaga.local.ShopifyWebhooks.order;
import static io.pointsaga.local.ShopifyWebhooks.webhook;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The admin page's attention section (SPEC §11) against the real attention API, in headless
 * chromium (run by {@code .ci/browser} like {@link AdminPageBrowser}): a rejected delivery is
 * listed, Retry shows what the retry did, Resolve without a note shows the API's 400 message, and
 * Resolve with a note closes the item and writes the note in the shop's activity.
 */
class AttentionPageBrowser {
  private static final Path SHOTS = Path.of("target", "browser");

  private static EmbeddedStack stack;
  private static ChromeDriver browser;

  @BeforeAll
  static void browserBesideTheEmbeddedMode() throws IOException {
    stack = EmbeddedStack.get();
    Files.createDirectories(SHOTS);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(System.getProperty("pointsaga.browser.chromium", "/usr/bin/chromium"));
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,900");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(
                Path.of(
                        System.getProperty(
                            "pointsaga.browser.chromedriver", "/usr/bin/chromedriver"))
                    .toFile())
            .build();
    browser = new ChromeDriver(service, options);
  }

  @AfterAll
  static void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void aRejectedDeliveryIsRetriedAndResolvedWithANoteFromThePage() throws IOException {
    String orderId =
        String.valueOf(
            1 + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000_000L));
    Map<String, Object> jpy =
        new HashMap<>(order(orderId, "4242", List.of(line(1, "1000", null)), List.of()));
    jpy.put("currency", "JPY");
    assertThat(
            webhook("orders/paid", jpy, "demo-webhook-secret", "page-" + orderId)
                .body()
                .get("status")
                .asText())
        .isEqualTo("rejected");
    // the page reloads the queue a moment after each action: an element read then may be stale
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    wait.ignoring(StaleElementReferenceException.class);
    browser.get(stack.baseUrl + "/admin/");
    browser.executeScript("sessionStorage.clear()");
    browser.get(stack.baseUrl + "/admin/");
    browser.findElement(By.id("shop")).clear();
    browser.findElement(By.id("shop")).sendKeys(EmbeddedStack.SHOP);
    browser.findElement(By.id("token")).sendKeys(EmbeddedStack.TOKEN);
    browser.findElement(By.id("signInButton")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("nav")));
    browser.get(stack.baseUrl + "/admin/#/attention");

    WebElement item = wait.until(driver -> itemOf(orderId));
    String id = item.getAttribute("data-item");
    assertThat(item.getText()).contains("Webhook rejected", "order " + orderId, "not valid");

    item.findElement(By.cssSelector("[data-retry]")).click();
    wait.until(driver -> !result(id).isEmpty());
    assertThat(result(id)).contains("still not valid", "JPY");
    wait.until(driver -> itemOf(orderId) != null && result(id).isEmpty()); // the list reloaded

    itemOf(orderId).findElement(By.cssSelector("[data-resolve]")).click();
    wait.until(driver -> !result(id).isEmpty());
    assertThat(result(id)).as("the API's 400, in words").contains("note");
    assertThat(itemOf(orderId)).as("still listed").isNotNull();

    String note = "JPY storefront test order, nothing to apply " + orderId;
    itemOf(orderId).findElement(By.cssSelector("[data-note]")).sendKeys(note);
    itemOf(orderId).findElement(By.cssSelector("[data-resolve]")).click();
    wait.until(driver -> result(id).contains("Resolved"));
    wait.until(driver -> itemOf(orderId) == null);
    Files.copy(
        browser.getScreenshotAs(OutputType.FILE).toPath(),
        SHOTS.resolve("attentionResolved.png"),
        StandardCopyOption.REPLACE_EXISTING);
    System.out.println("screenshot: " + SHOTS.resolve("attentionResolved.png").toAbsolutePath());

    JsonNode entries = stack.api("GET", "/activity", null).body().get("entries");
    assertThat(entries.findValuesAsText("note")).anySatisfy(n -> assertThat(n).contains(note));
  }

  private static WebElement itemOf(String orderId) {
    return browser.findElements(By.cssSelector("[data-item]")).stream()
        .filter(e -> e.getText().contains("order " + orderId))
        .findFirst()
        .orElse(null);
  }

  /** The item's result line as shown; empty while hidden (or once the list was reloaded). */
  private static String result(String id) {
    List<WebElement> items =
        browser.findElements(By.cssSelector("[data-item=\"" + id + "\"] .result"));
    return items.isEmpty() || !items.get(0).isDisplayed() ? "" : items.get(0).getText();
  }
}
