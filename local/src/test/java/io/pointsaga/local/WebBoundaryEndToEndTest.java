package io.pointsaga.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.pointsaga.local.EmbeddedStack.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SPEC §8 on the embedded stack, where a worker runs the sagas: the {@code step} of a cancellation
 * waiting between retries of a failing revocation, and the Idempotency-Key of redemptions.
 */
class WebBoundaryEndToEndTest {
  private static EmbeddedStack stack;
  private static long reward;
  private static long otherReward;

  @BeforeAll
  static void start() {
    stack = EmbeddedStack.get();
    reward = createReward("$5 off (boundary)", 500);
    otherReward = createReward("$1 off (boundary)", 100);
  }

  private static long createReward(String name, long cost) {
    Response created =
        stack.api(
            "POST", "/rewards", Map.of("name", name, "pointsCost", cost, "discountAmount", 5));
    assertThat(created.status()).isEqualTo(201);
    return created.body().get("rewardId").asLong();
  }

  private static String customerWith(long points) {
    String customer = "b" + UUID.randomUUID().toString().substring(0, 8);
    Response adjusted =
        stack.api(
            "POST",
            "/customers/" + customer + "/adjustments",
            Map.of("points", points, "note", "boundary e2e"));
    assertThat(adjusted.status()).isEqualTo(201);
    return customer;
  }

  @Test
  void whileARevocationWaitsBetweenRetriesTheStepSaysWhichAttemptFailedAndWhenTheNextIs() {
    String customer = customerWith(1200);
    Response redeemed =
        stack.api("POST", "/customers/" + customer + "/redemptions", Map.of("rewardId", reward));
    assertThat(redeemed.status()).as(String.valueOf(redeemed.body())).isEqualTo(201);
    String redemption = redeemed.body().get("redemptionId").asText();
    String coupon = redeemed.body().get("couponCode").asText();
    Response fault =
        stack.sandbox(
            "POST",
            "/faults",
            Map.of("operation", "revokeDiscountCode", "failures", 4, "kind", "HTTP_500"));
    assertThat(fault.status()).isEqualTo(201);

    Response answer =
        stack.api(
            "POST",
            "/redemptions/" + redemption + "/cancellation",
            Map.of("refundPointsAnyway", false));
    List<String> steps = new ArrayList<>();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
    while (answer.status() == 202 && Instant.now().isBefore(deadline)) {
      assertThat(answer.body().get("status").asText()).isEqualTo("RUNNING");
      steps.add(answer.body().get("step").asText());
      sleep(300);
      answer = stack.api("GET", "/redemptions/" + redemption + "/cancellation", null);
    }

    assertThat(answer.status()).as(String.valueOf(answer.body())).isEqualTo(200);
    assertThat(answer.body().get("outcome").asText()).isEqualTo("CANCELLED");
    assertThat(steps)
        .anySatisfy(
            step ->
                assertThat(step)
                    .matches(
                        "Revoke coupon "
                            + coupon
                            + " on the platform: attempt [2-4] failed: .+\\. Next attempt in \\d+ s\\."));
    List<String> afterTheFirstFailure =
        steps.subList(
            steps.indexOf(
                steps.stream().filter(s -> s.contains("failed")).findFirst().orElseThrow()),
            steps.size());
    assertThat(afterTheFirstFailure)
        .allSatisfy(
            step ->
                assertThat(step)
                    .doesNotContain("waiting for a worker", "Exception", "io.pointsaga", "SQL"));
  }

  @Test
  void aRepeatedRedemptionAnswersTheFirstAndAnotherRewardUnderTheSameKeyIs422() {
    String customer = customerWith(1200);
    String path = "/customers/" + customer + "/redemptions";

    Response first =
        stack.callWithHeader(
            "POST",
            "/api/v1/shops/" + EmbeddedStack.SHOP + path,
            Map.of("rewardId", reward),
            "Idempotency-Key",
            "order-42");
    Response again =
        stack.callWithHeader(
            "POST",
            "/api/v1/shops/" + EmbeddedStack.SHOP + path,
            Map.of("rewardId", reward),
            "Idempotency-Key",
            "order-42");
    Response other =
        stack.callWithHeader(
            "POST",
            "/api/v1/shops/" + EmbeddedStack.SHOP + path,
            Map.of("rewardId", otherReward),
            "Idempotency-Key",
            "order-42");

    assertThat(first.status()).as(String.valueOf(first.body())).isEqualTo(201);
    assertThat(again.status()).as(String.valueOf(again.body())).isEqualTo(200);
    assertThat(again.body().get("redemptionId")).isEqualTo(first.body().get("redemptionId"));
    assertThat(again.body().get("couponCode")).isEqualTo(first.body().get("couponCode"));
    assertThat(other.status()).as(String.valueOf(other.body())).isEqualTo(422);
    assertThat(other.body().get("error").asText()).isEqualTo("idempotency_key_reused");
    assertThat(
            stack.api("GET", "/customers/" + customer, null).body().get("pointsBalance").asLong())
        .isEqualTo(700);
  }

  @Test
  void metricsNeedTheDemoOperatorTokenAndHealthDoesNot() {
    assertThat(stack.call("GET", "/actuator/health", null, null).status()).isEqualTo(200);
    assertThat(stack.call("GET", "/actuator/metrics", null, null).status()).isEqualTo(401);
    assertThat(stack.call("GET", "/actuator/metrics", null, EmbeddedStack.TOKEN).status())
        .isEqualTo(401);
    assertThat(stack.call("GET", "/actuator/metrics", null, "demo-operator-token").status())
        .isEqualTo(200);
    Response audit = stack.call("GET", "/api/v1/ledger/audit", null, "demo-operator-token");
    assertThat(audit.status()).isEqualTo(200);
    assertThat(audit.body().get("mismatches")).isEmpty();
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
