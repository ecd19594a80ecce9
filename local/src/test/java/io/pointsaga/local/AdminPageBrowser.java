package io.pointsaga.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pointsaga.local.EmbeddedStack.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The admin page as a merchant uses it (issue 11, items 5 and 6), in Debian's headless chromium
 * driven by Selenium through chromium-driver, against the embedded mode. Run by {@code .ci/browser}
 * ({@code -Dtest='*Browser'}), which installs both packages; the paths come from {@code
 * -Dpointsaga.browser.chromium} and {@code -Dpointsaga.browser.chromedriver}. Each test leaves a
 * screenshot under {@code local/target/browser/}.
 */
class AdminPageBrowser {
  private static final String TEMPORAL_UI = "http://temporal-ui.invalid:8233";
  private static final Path SHOTS = Path.of("target", "browser");

  private static EmbeddedStack stack;
  private static ChromeDriver browser;
  private static long rewardId;
  private WebDriverWait wait;

  @BeforeAll
  static void browserBesideTheEmbeddedMode() throws IOException {
    // read by the admin page's /admin/config: each saga links to the Temporal UI
    System.setProperty("pointsaga.temporal-ui-url", TEMPORAL_UI);
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
    Response reward =
        stack.api(
            "POST",
            "/rewards",
            Map.of("name", "$5 off (browser)", "pointsCost", 500, "discountAmount", 5));
    assertThat(reward.status()).isEqualTo(201);
    rewardId = reward.body().get("rewardId").asLong();
  }

  @AfterAll
  static void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @BeforeEach
  void signedOutPage() {
    wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    browser.manage().window().setSize(new Dimension(1280, 900));
    browser.get(stack.baseUrl + "/admin/");
    script("sessionStorage.clear()");
    browser.get(stack.baseUrl + "/admin/");
  }

  @AfterEach
  void screenshot(TestInfo test) throws IOException {
    Path shot = SHOTS.resolve(test.getTestMethod().orElseThrow().getName() + ".png");
    Files.copy(
        ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(),
        shot,
        StandardCopyOption.REPLACE_EXISTING);
    System.out.println("screenshot: " + shot.toAbsolutePath());
  }

  @Test
  void signInNeedsTheTokenTypedInAndLastsForTheBrowserSession() {
    assertThat(el("token").getAttribute("value")).isEmpty();
    assertThat(browser.getPageSource()).doesNotContain(EmbeddedStack.TOKEN);

    signIn();

    assertThat(el("signedInShop").getText()).contains(EmbeddedStack.SHOP);
    assertThat(el("nav").isDisplayed()).isTrue();
    browser.navigate().refresh();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("nav")));
    assertThat(el("signIn").isDisplayed()).as("still signed in after a reload").isFalse();

    el("signOut").click();

    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signIn")));
    assertThat(script("return sessionStorage.getItem('pointsaga.token')")).isNull();
  }

  @Test
  void aWrongTokenIsSaidInWordsNotABlankPage() {
    el("shop").clear();
    el("shop").sendKeys(EmbeddedStack.SHOP);
    el("token").sendKeys("not-the-token");
    el("signInButton").click();

    WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
    assertThat(error.getText()).contains("admin token was not accepted");
    assertThat(el("signIn").isDisplayed()).isTrue();
  }

  @Test
  void searchFindsCustomersAndTheProfileShowsReadablePagedActivity() {
    String prefix = "br" + UUID.randomUUID().toString().substring(0, 6);
    for (int i = 1; i <= 3; i++) {
      adjust(prefix + "-" + i, 100 * i, "welcome " + i);
    }
    for (int i = 0; i < 29; i++) {
      adjust(prefix + "-1", 1, "visit " + i);
    }
    signIn();

    el("customerQuery").sendKeys(prefix);
    el("customerSearch").submit();
    wait.until(
        d -> d.findElements(By.cssSelector("#customerList tbody tr")).size() == 3 ? true : null);
    browser.findElement(By.linkText(prefix + "-1")).click();

    wait.until(ExpectedConditions.textToBe(By.id("balance"), "129"));
    wait.until(d -> rowsOf("customerActivity").isEmpty() ? null : true);
    assertThat(rowsOf("customerActivity")).as("the first page").hasSize(25);
    String page = el("customerActivity").getText();
    assertThat(page).contains("Manual adjustment").doesNotContain("MANUAL_ADJUSTMENT");
    el("customerActivityMore").click();
    wait.until(d -> rowsOf("customerActivity").size() == 30 ? true : null);
    assertThat(el("customerActivity").getText()).contains("welcome 1");
    assertThat(el("customerActivityMore").isDisplayed()).isFalse();
  }

  @Test
  void refundPointsOfAnUnusedRewardInOneClickWithALinkToTheSaga() {
    JsonNode redemption = redeemed();
    signIn();
    openProfile(redemption.get("customerId").asText());
    wait.until(ExpectedConditions.textToBe(By.id("balance"), "700"));

    details(redemption);
    el("refund").click();

    WebElement outcome =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("outcome")));
    wait.until(ExpectedConditions.textToBePresentInElement(outcome, "coupon revoked"));
    wait.until(ExpectedConditions.textToBe(By.id("balance"), "1200"));
    assertThat(outcome.findElement(By.cssSelector("a.saga")).getAttribute("href"))
        .startsWith(TEMPORAL_UI + "/namespaces/default/workflows/cancel-redemption");
    assertThat(el("redemptionList").getText()).contains("Points refunded");
  }

  @Test
  void aUsedCouponAsksInThePageBeforeRefundingAnyway() {
    JsonNode redemption = redeemed();
    assertThat(stack.sandbox("POST", code(redemption) + "/use", null).status()).isEqualTo(200);
    signIn();
    openProfile(redemption.get("customerId").asText());

    details(redemption);
    el("refund").click();
    WebElement anyway = wait.until(ExpectedConditions.elementToBeClickable(By.id("refundAnyway")));
    assertThat(el("outcome").getText()).contains("already used", "500 points back anyway?");
    assertThat(el("balance").getText()).as("nothing given back before confirming").isEqualTo("700");
    anyway.click();

    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("outcome"), "stays used"));
    wait.until(ExpectedConditions.textToBe(By.id("balance"), "1200"));
  }

  @Test
  void keepAsIsLeavesThePointsSpent() {
    JsonNode redemption = redeemed();
    assertThat(stack.sandbox("POST", code(redemption) + "/use", null).status()).isEqualTo(200);
    signIn();
    openProfile(redemption.get("customerId").asText());
    details(redemption);
    el("refund").click();

    wait.until(ExpectedConditions.elementToBeClickable(By.id("keepAsIs"))).click();

    assertThat(browser.findElements(By.id("refundAnyway"))).isEmpty();
    assertThat(
            stack
                .api("GET", "/customers/" + redemption.get("customerId").asText(), null)
                .body()
                .get("pointsBalance")
                .asLong())
        .isEqualTo(700);
  }

  @Test
  void aRefundThatWaitsOutPlatformFailuresShowsOneProgressLineThatUpdatesInPlace() {
    JsonNode redemption = redeemed();
    Response fault =
        stack.sandbox(
            "POST",
            "/faults",
            Map.of("operation", "revokeDiscountCode", "failures", 4, "kind", "HTTP_500"));
    assertThat(fault.status()).isEqualTo(201);
    signIn();
    openProfile(redemption.get("customerId").asText());
    details(redemption);

    el("refund").click();
    WebElement progress =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("progress")));
    assertThat(progress.getText()).startsWith("Working:");
    // watch the panel through the polls (one a second) until the outcome shows
    int mostLines = 0;
    long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (el("outcome").isDisplayed()) {
          break;
        }
        // lines a person sees: the hidden progress element keeps its class after the outcome shows
        mostLines =
            Math.max(
                mostLines,
                (int)
                    browser.findElements(By.cssSelector("#redemptionPanel .message")).stream()
                        .filter(WebElement::isDisplayed)
                        .count());
      } catch (StaleElementReferenceException redrawn) {
        // the panel was drawn again between the lookup and the read: look again
      }
    }

    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("outcome"), "coupon revoked"));
    assertThat(mostLines).as("one progress line, not one per poll").isLessThanOrEqualTo(1);
    assertThat(el("progress").isDisplayed()).isFalse();
    wait.until(ExpectedConditions.textToBe(By.id("balance"), "1200"));
  }

  @Test
  void manualAdjustmentsApplyAndTheApisWordsShowOnError() {
    String customer = "adj-" + UUID.randomUUID().toString().substring(0, 8);
    adjust(customer, 40, "start");
    signIn();
    openProfile(customer);

    el("adjustPoints").sendKeys("25");
    el("adjustNote").sendKeys("goodwill for a late parcel");
    el("adjustButton").click();
    wait.until(ExpectedConditions.textToBe(By.id("balance"), "65"));
    assertThat(el("adjustResult").getText()).contains("+25 points applied");

    el("adjustPoints").sendKeys("0");
    el("adjustNote").sendKeys("nothing");
    el("adjustButton").click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("adjustResult"), "'points'"));
    assertThat(el("adjustResult").getAttribute("class")).contains("error");
    assertThat(el("balance").getText()).isEqualTo("65");
  }

  @Test
  void settingsAndRewardsAreEditedInThePage() {
    signIn();
    browser.get(stack.baseUrl + "/admin/#/settings");
    Select clawback =
        new Select(
            wait.until(
                ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("select[data-name='clawbackRate']"))));
    String other =
        clawback.getOptions().stream()
            .map(o -> o.getAttribute("value"))
            .filter(v -> !v.equals(clawback.getFirstSelectedOption().getAttribute("value")))
            .findFirst()
            .orElseThrow();
    clawback.selectByValue(other);
    el("settingsSave").click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("settingsResult"), "Settings saved"));
    assertThat(stack.api("GET", "/settings", null).body().get("clawbackRate").asText())
        .isEqualTo(other);

    browser.get(stack.baseUrl + "/admin/#/rewards");
    String name = "Free socks " + UUID.randomUUID().toString().substring(0, 4);
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("rewardName"))).sendKeys(name);
    el("rewardCost").sendKeys("250");
    el("rewardDiscount").sendKeys("3.50");
    el("rewardCreate").click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("rewardList"), name));
    assertThat(stack.api("GET", "/rewards", null).body().toString()).contains(name);
  }

  /** SPEC §13: points earned on an order still in its pending period show beside the balance. */
  @Test
  void pendingPointsShowBesideTheBalance() {
    JsonNode before = stack.api("GET", "/settings", null).body();
    String customer =
        String.valueOf(1 + Math.abs(UUID.randomUUID().getMostSignificantBits() % 999_999_999L));
    ObjectNode pendingForADay = before.deepCopy();
    pendingForADay.put("pendingPeriod", "P1D");
    assertThat(stack.api("PUT", "/settings", pendingForADay).status()).isEqualTo(200);
    try {
      adjust(customer, 10, "before the order");
      String orderId = String.valueOf(8_000_000_000L + Math.abs(UUID.randomUUID().hashCode()));
      ShopifyWebhooks.webhook(
          "orders/paid",
          ShopifyWebhooks.order(
              orderId, customer, List.of(ShopifyWebhooks.line(81L, "40.00", null)), List.of()),
          "demo-webhook-secret",
          UUID.randomUUID().toString());
      WebDriverWait api = new WebDriverWait(browser, Duration.ofSeconds(30));
      api.until(
          d ->
              stack.api("GET", "/customers/" + customer, null).body().get("pendingPoints").asLong()
                      == 40
                  ? true
                  : null);
    } finally {
      assertThat(stack.api("PUT", "/settings", before).status()).isEqualTo(200);
    }
    signIn();
    openProfile(customer);

    wait.until(ExpectedConditions.textToBe(By.id("pendingPoints"), "40"));
    assertThat(el("balance").getText()).isEqualTo("10");
    assertThat(el("customerSummary").getText())
        .contains("40 pending (not spendable until approved)");
  }

  @Test
  void onANarrowScreenNothingRunsOffTheSide() {
    String customer = "narrow-" + UUID.randomUUID().toString().substring(0, 8);
    adjust(customer, 10, "a note long enough to wrap on a phone screen, as merchants write them");
    browser.manage().window().setSize(new Dimension(390, 844));
    signIn();
    openProfile(customer);
    wait.until(ExpectedConditions.textToBe(By.id("balance"), "10"));

    Object overflow =
        script(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth");

    assertThat(((Number) overflow).intValue())
        .as("horizontal overflow in px")
        .isLessThanOrEqualTo(0);
    assertThat(el("adjustButton").isDisplayed()).isTrue();
  }

  // ---- helpers ----

  private void signIn() {
    WebElement shop = el("shop");
    shop.clear();
    shop.sendKeys(EmbeddedStack.SHOP);
    el("token").sendKeys(EmbeddedStack.TOKEN);
    el("signInButton").click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("nav")));
  }

  private void openProfile(String customer) {
    browser.get(stack.baseUrl + "/admin/#/customer/" + customer);
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("balance")));
  }

  private void details(JsonNode redemption) {
    wait.until(
            ExpectedConditions.elementToBeClickable(
                By.cssSelector(
                    "#redemptionList [data-redemption='"
                        + redemption.get("redemptionId").asText()
                        + "']")))
        .click();
    wait.until(ExpectedConditions.elementToBeClickable(By.id("refund")));
  }

  private List<WebElement> rowsOf(String id) {
    return browser.findElements(By.cssSelector("#" + id + " tbody tr"));
  }

  private WebElement el(String id) {
    return browser.findElement(By.id(id));
  }

  private Object script(String js) {
    return ((JavascriptExecutor) browser).executeScript(js);
  }

  private static void adjust(String customer, long points, String note) {
    Response r =
        stack.api(
            "POST",
            "/customers/" + customer + "/adjustments",
            Map.of("points", points, "note", note));
    assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(201);
  }

  private static JsonNode redeemed() {
    String customer = "brw" + UUID.randomUUID().toString().substring(0, 8);
    adjust(customer, 1200, "browser test");
    Response redemption =
        stack.api("POST", "/customers/" + customer + "/redemptions", Map.of("rewardId", rewardId));
    assertThat(redemption.status()).as(String.valueOf(redemption.body())).isEqualTo(201);
    return ((ObjectNode) redemption.body()).put("customerId", customer);
  }

  private static String code(JsonNode redemption) {
    return "/discount-codes/" + redemption.get("couponCode").asText();
  }

  static {
    try {
      Files.createDirectories(SHOTS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
