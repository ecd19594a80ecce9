package io.pointsaga.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pointsaga.local.EmbeddedStack.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every outcome of SPEC §4 through the REST API on the embedded stack: real PostgreSQL, the
 * Temporal test server in real time, the simulated Shopify platform over HTTP.
 */
class CancellationEndToEndTest {
  private static EmbeddedStack stack;
  private static long rewardId;

  @BeforeAll
  static void start() {
    stack = EmbeddedStack.get();
    rewardId = createReward("$5 off (e2e)", 500);
  }

  private static long createReward(String name, long cost) {
    Response created =
        stack.api(
            "POST", "/rewards", Map.of("name", name, "pointsCost", cost, "discountAmount", 5));
    assertThat(created.status()).isEqualTo(201);
    return created.body().get("rewardId").asLong();
  }

  /** A new customer with 1200 points who redeemed 500 of them: returns the redemption. */
  private static JsonNode redeemed(long reward) {
    String customer = "c" + UUID.randomUUID().toString().substring(0, 8);
    Response adjusted =
        stack.api(
            "POST",
            "/customers/" + customer + "/adjustments",
            Map.of("points", 1200, "note", "e2e"));
    assertThat(adjusted.status()).isEqualTo(201);
    Response redemption =
        stack.api("POST", "/customers/" + customer + "/redemptions", Map.of("rewardId", reward));
    assertThat(redemption.status()).as(String.valueOf(redemption.body())).isEqualTo(201);
    assertThat(redemption.body().get("pointsSpent").asLong()).isEqualTo(500);
    assertThat(balance(customer)).isEqualTo(700);
    return stack
        .json
        .createObjectNode()
        .put("customerId", customer)
        .put("redemptionId", redemption.body().get("redemptionId").asText())
        .put("couponCode", redemption.body().get("couponCode").asText());
  }

  private static long balance(String customer) {
    return stack.api("GET", "/customers/" + customer, null).body().get("pointsBalance").asLong();
  }

  private static Response cancel(JsonNode redemption, boolean anyway) {
    return stack.api(
        "POST",
        "/redemptions/" + redemption.get("redemptionId").asText() + "/cancellation",
        Map.of("refundPointsAnyway", anyway));
  }

  /** Waits for a 202 RUNNING cancellation to finish by polling the GET of the same path. */
  private static Response completed(JsonNode redemption, Response first) {
    Response current = first;
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (current.status() == 202 && Instant.now().isBefore(deadline)) {
      sleep(250);
      current =
          stack.api(
              "GET",
              "/redemptions/" + redemption.get("redemptionId").asText() + "/cancellation",
              null);
    }
    assertThat(current.status()).as(String.valueOf(current.body())).isEqualTo(200);
    assertThat(current.body().get("status").asText()).isEqualTo("COMPLETED");
    return current;
  }

  private static String outcome(Response response) {
    return response.body().get("outcome").asText();
  }

  private static String code(JsonNode redemption) {
    return "/discount-codes/" + redemption.get("couponCode").asText();
  }

  private static long refundEntries(JsonNode redemption) {
    JsonNode entries =
        stack
            .api("GET", "/customers/" + redemption.get("customerId").asText() + "/activity", null)
            .body()
            .get("entries");
    long count = 0;
    for (JsonNode entry : entries) {
      if (entry.get("kind").asText().equals("REDEMPTION_REFUND")) {
        count++;
      }
    }
    return count;
  }

  private static String redemptionStatus(JsonNode redemption) {
    return stack
        .api("GET", "/redemptions/" + redemption.get("redemptionId").asText(), null)
        .body()
        .get("status")
        .asText();
  }

  @ParameterizedTest(name = "refundPointsAnyway={0}")
  @ValueSource(booleans = {false, true})
  void case1UnusedRewardIsCancelled(boolean anyway) {
    JsonNode r = redeemed(rewardId);

    Response response = completed(r, cancel(r, anyway));

    assertThat(outcome(response)).isEqualTo("CANCELLED");
    assertThat(response.body().get("message").asText()).contains("has been canceled");
    assertThat(response.body().get("workflowId").asText()).startsWith("cancel-redemption/");
    assertThat(balance(r.get("customerId").asText())).isEqualTo(1200);
    assertThat(refundEntries(r)).isEqualTo(1);
    assertThat(redemptionStatus(r)).isEqualTo("REFUNDED");
    assertThat(stack.sandbox("GET", code(r), null).body().get("state").asText())
        .isEqualTo("DEACTIVATED");
  }

  @Test
  void case2RewardDefinitionDeletedNeedsConfirmation() {
    long reward = createReward("to be deleted", 500);
    JsonNode r = redeemed(reward);
    assertThat(stack.api("DELETE", "/rewards/" + reward, null).status()).isEqualTo(204);

    Response refused = completed(r, cancel(r, false));
    assertThat(outcome(refused)).isEqualTo("REWARD_MISSING");
    assertThat(balance(r.get("customerId").asText())).isEqualTo(700);
    assertThat(redemptionStatus(r)).isEqualTo("ISSUED");

    Response confirmed = completed(r, cancel(r, true));
    assertThat(outcome(confirmed)).isEqualTo("POINTS_REFUNDED_REWARD_KEPT");
    assertThat(balance(r.get("customerId").asText())).isEqualTo(1200);
    assertThat(redemptionStatus(r)).isEqualTo("REFUNDED");
    assertThat(stack.sandbox("GET", code(r), null).body().get("state").asText())
        .isEqualTo("ACTIVE");
  }

  @Test
  void case3RevocationFailingThenSucceedingEndsCancelledOnce() {
    JsonNode r = redeemed(rewardId);
    for (String kind : List.of("HTTP_500", "RESET", "HTTP_429", "TIMEOUT")) {
      Response fault =
          stack.sandbox(
              "POST",
              "/faults",
              Map.of(
                  "operation",
                  "revokeDiscountCode",
                  "failures",
                  1,
                  "kind",
                  kind,
                  "retryAfterSeconds",
                  1));
      assertThat(fault.status()).isEqualTo(201);
    }

    Response first = cancel(r, false);
    assertThat(first.status()).isEqualTo(202);
    assertThat(first.body().get("status").asText()).isEqualTo("RUNNING");
    Response done = completed(r, first);

    assertThat(outcome(done)).isEqualTo("CANCELLED");
    assertThat(refundEntries(r)).isEqualTo(1);
    assertThat(balance(r.get("customerId").asText())).isEqualTo(1200);
    assertThat(stack.sandbox("GET", code(r), null).body().get("state").asText())
        .isEqualTo("DEACTIVATED");
  }

  @Test
  void case4UsedRewardNeedsConfirmation() {
    JsonNode r = redeemed(rewardId);
    assertThat(stack.sandbox("POST", code(r) + "/use", null).status()).isEqualTo(200);

    Response refused = completed(r, cancel(r, false));
    assertThat(outcome(refused)).isEqualTo("REWARD_USED");
    assertThat(refused.body().get("message").asText()).contains("will not undo the discount");
    assertThat(balance(r.get("customerId").asText())).isEqualTo(700);

    Response confirmed = completed(r, cancel(r, true));
    assertThat(outcome(confirmed)).isEqualTo("POINTS_REFUNDED_REWARD_USED");
    assertThat(balance(r.get("customerId").asText())).isEqualTo(1200);
    assertThat(redemptionStatus(r)).isEqualTo("REFUNDED");
  }

  @Test
  void case5UntrackedRewardNeedsConfirmation() {
    JsonNode r = redeemed(rewardId);
    assertThat(stack.sandbox("DELETE", code(r), null).status()).isEqualTo(204);

    Response refused = completed(r, cancel(r, false));
    assertThat(outcome(refused)).isEqualTo("REWARD_UNTRACKED");
    assertThat(refused.body().get("message").asText()).contains("cannot determine");
    assertThat(balance(r.get("customerId").asText())).isEqualTo(700);

    Response confirmed = completed(r, cancel(r, true));
    assertThat(outcome(confirmed)).isEqualTo("POINTS_REFUNDED_REWARD_UNTRACKED");
    assertThat(balance(r.get("customerId").asText())).isEqualTo(1200);
  }

  @ParameterizedTest(name = "refundPointsAnyway={0}")
  @ValueSource(booleans = {false, true})
  void case6AlreadyRefundedGivesTheDate(boolean anyway) {
    JsonNode r = redeemed(rewardId);
    assertThat(outcome(completed(r, cancel(r, false)))).isEqualTo("CANCELLED");
    String refundedAt =
        stack
            .api("GET", "/redemptions/" + r.get("redemptionId").asText(), null)
            .body()
            .get("refundedAt")
            .asText();

    Response again = completed(r, cancel(r, anyway));

    assertThat(outcome(again)).isEqualTo("ALREADY_REFUNDED");
    assertThat(again.body().get("message").asText()).contains(refundedAt.substring(0, 10));
    assertThat(refundEntries(r)).isEqualTo(1);
    assertThat(balance(r.get("customerId").asText())).isEqualTo(1200);
  }

  @Test
  void twoCancellationsAtTheSameMomentRefundOnce() throws Exception {
    JsonNode r = redeemed(rewardId);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Response>> answers = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      answers.add(
          pool.submit(
              () -> {
                start.await();
                return cancel(r, false);
              }));
    }
    start.countDown();
    List<String> outcomes = new ArrayList<>();
    for (Future<Response> answer : answers) {
      outcomes.add(outcome(completed(r, answer.get())));
    }
    pool.shutdown();

    // Joined (both CANCELLED) or, if the first finished before the second arrived,
    // ALREADY_REFUNDED.
    assertThat(outcomes).isSubsetOf("CANCELLED", "ALREADY_REFUNDED").contains("CANCELLED");
    assertThat(refundEntries(r)).isEqualTo(1);
    assertThat(balance(r.get("customerId").asText())).isEqualTo(1200);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
