package io.pointsaga.local;

import static io.pointsaga.local.ShopifyWebhooks.awaitBalance;
import static io.pointsaga.local.ShopifyWebhooks.line;
import static io.pointsaga.local.ShopifyWebhooks.order;
import static io.pointsaga.local.ShopifyWebhooks.webhook;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pointsaga.local.EmbeddedStack.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * What an operator reads on the embedded stack's console (SPEC §12): one INFO line per webhook and
 * per saga outcome naming shop, ids and outcome; a platform failure the saga retries is one WARN
 * line per attempt, with no stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class OperatorLogsEndToEndTest {
  private static final String SECRET = "demo-webhook-secret";
  private static EmbeddedStack stack;

  @BeforeAll
  static void start() {
    stack = EmbeddedStack.get();
  }

  private static String newId(long bound) {
    return String.valueOf(Math.abs(UUID.randomUUID().getMostSignificantBits() % bound));
  }

  private static List<String> linesWith(CapturedOutput output, String... parts) {
    return output
        .getOut()
        .lines()
        .filter(line -> List.of(parts).stream().allMatch(line::contains))
        .toList();
  }

  @Test
  void aWebhookAndEachSagaOutcomeAreOneInfoLineNamingShopIdsAndOutcome(CapturedOutput output) {
    String customer = newId(1_000_000_000L);
    String orderId = newId(1_000_000_000_000L);
    webhook(
        "orders/paid",
        order(orderId, customer, List.of(line(1, "600.00", null)), List.of()),
        SECRET,
        "log-" + orderId);
    awaitBalance(customer, b -> b == 600);
    JsonNode redemption = redeem(customer);
    Response cancelled = completed(redemption, cancel(redemption));
    assertThat(cancelled.body().get("outcome").asText()).isEqualTo("CANCELLED");

    assertThat(
            linesWith(
                output,
                " INFO ",
                "webhook shopify orders/paid shop=demo-shop.myshopify.com delivery=log-" + orderId,
                "result=accepted",
                "businessKey=order:" + orderId + ":paid"))
        .hasSize(1);
    assertThat(
            linesWith(
                output,
                " INFO ",
                "order event applied: shop=demo-shop.myshopify.com order=" + orderId,
                "customer=" + customer,
                "points=600 (EARN)"))
        .hasSize(1);
    assertThat(
            linesWith(
                output,
                " INFO ",
                "saga REDEEM_REWARD ended: shop=demo-shop.myshopify.com",
                "redemption=" + redemption.get("redemptionId").asText(),
                "customer=" + customer,
                "outcome=ISSUED"))
        .hasSize(1);
    assertThat(
            linesWith(
                output,
                " INFO ",
                "saga CANCEL_REDEMPTION ended: shop=demo-shop.myshopify.com",
                "redemption " + redemption.get("redemptionId").asText(),
                "outcome=CANCELLED"))
        .hasSize(1);
  }

  @Test
  void aPlatformFailureTheSagaRetriesIsOneWarnLinePerAttemptWithoutAStackTrace(
      CapturedOutput output) {
    String customer = newId(1_000_000_000L);
    stack.api(
        "POST", "/customers/" + customer + "/adjustments", Map.of("points", 500, "note", "logs"));
    JsonNode redemption = redeem(customer);
    for (int i = 0; i < 2; i++) {
      assertThat(
              stack
                  .sandbox(
                      "POST",
                      "/faults",
                      Map.of("operation", "revokeDiscountCode", "failures", 1, "kind", "HTTP_500"))
                  .status())
          .isEqualTo(201);
    }
    Response cancelled = completed(redemption, cancel(redemption));
    assertThat(cancelled.body().get("outcome").asText()).isEqualTo("CANCELLED");

    String workflowId = cancelled.body().get("workflowId").asText();
    List<String> retries =
        linesWith(output, " WARN ", "RevokeDiscountCode attempt", "workflowId=" + workflowId);
    // each attempt is one activity execution (the saga retries it): "attempt 1" each time
    assertThat(retries)
        .hasSize(2)
        .allSatisfy(
            line ->
                assertThat(line)
                    .contains("RevokeDiscountCode attempt 1 failed, ")
                    .contains("HTTP 500")
                    .contains("(PlatformUnavailable)"));
    assertThat(output.getOut())
        .as("no stack trace and no SDK failure line for a retried failure")
        .doesNotContain("Activity failure. ActivityId")
        .doesNotContain("\tat io.temporal")
        .doesNotContain("ApplicationFailure:");
  }

  private static JsonNode redeem(String customer) {
    long reward = stack.api("GET", "/rewards", null).body().get(0).get("rewardId").asLong();
    Response redeemed =
        stack.api("POST", "/customers/" + customer + "/redemptions", Map.of("rewardId", reward));
    assertThat(redeemed.status()).as(String.valueOf(redeemed.body())).isEqualTo(201);
    return redeemed.body();
  }

  private static Response cancel(JsonNode redemption) {
    return stack.api(
        "POST",
        "/redemptions/" + redemption.get("redemptionId").asText() + "/cancellation",
        Map.of());
  }

  private static Response completed(JsonNode redemption, Response first) {
    Response current = first;
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (current.status() == 202 && Instant.now().isBefore(deadline)) {
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      current =
          stack.api(
              "GET",
              "/redemptions/" + redemption.get("redemptionId").asText() + "/cancellation",
              null);
    }
    assertThat(current.status()).as(String.valueOf(current.body())).isEqualTo(200);
    return current;
  }
}
