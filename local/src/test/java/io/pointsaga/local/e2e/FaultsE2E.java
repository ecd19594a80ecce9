package io.pointsaga.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pointsaga.local.e2e.E2EStack.Response;
import io.pointsaga.temporal.WorkflowIds;
import io.temporal.common.WorkflowExecutionHistory;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SPEC §4 case 3 with the process failures of a real deployment: the worker JVM SIGKILLed while a
 * revocation waits out a 429, and the Temporal server itself killed and restarted on its database
 * during such a wait. Either way the saga finishes, and the points come back exactly once.
 */
class FaultsE2E {
  private static E2EStack stack;

  @BeforeAll
  static void start() {
    stack = E2EStack.get();
  }

  @Test
  void aWorkerKilledWhileTheRevocationRetriesLeavesTheSagaToANewWorker() throws Exception {
    String customer = stack.newCustomer();
    JsonNode redemption = stack.redeem(customer, 900);
    String id = redemption.get("redemptionId").asText();
    stack
        .sandbox(
            "POST",
            "/faults",
            Map.of(
                "operation",
                "revokeDiscountCode",
                "failures",
                2,
                "kind",
                "HTTP_429",
                "retryAfterSeconds",
                4))
        .ok();
    long failedBefore = stack.calls("revokeDiscountCode", "failed");

    Response first =
        stack.api(
            "POST", "/redemptions/" + id + "/cancellation", Map.of("refundPointsAnyway", false));
    assertThat(first.body().path("status").asText())
        .as("answer %s", first.body())
        .isEqualTo("RUNNING");
    awaitRevokeFailures(failedBefore + 1);
    long killed = stack.worker().pid();
    stack.killWorker(); // SIGKILL while the retry waits out its Retry-After
    assertThat(codeState(redemption))
        .as("not revoked yet when the worker died")
        .isEqualTo("ACTIVE");
    Instant killedAt = Instant.now();
    Process replacement = stack.startWorker("worker-after-sigkill");
    Instant polling = Instant.now();

    JsonNode done = stack.awaitCancellation(id, Duration.ofSeconds(120), false);
    System.out.printf(
        "E2E note: worker SIGKILLed: new worker polling after %d ms, saga finished %d ms later%n",
        Duration.between(killedAt, polling).toMillis(),
        Duration.between(polling, Instant.now()).toMillis());

    assertThat(done.get("outcome").asText()).isEqualTo("CANCELLED");
    assertThat(stack.entryKinds(customer)).filteredOn("REDEMPTION_REFUND"::equals).hasSize(1);
    assertThat(stack.balance(customer)).isEqualTo(900);
    assertThat(stack.calls("revokeDiscountCode", "failed")).isEqualTo(failedBefore + 2);
    assertThat(codeState(redemption)).isEqualTo("DEACTIVATED");
    WorkflowExecutionHistory history =
        new Histories(stack.client).history(WorkflowIds.cancelRedemption(E2EStack.SHOP, id));
    assertThat(Histories.completed(history)).as(Histories.describe(history)).isTrue();
    assertThat(Histories.workerIdentities(history))
        .as(
            "the killed worker %s started the saga, the new one %s finished it",
            killed, replacement.pid())
        .anyMatch(identity -> identity.startsWith(killed + "@"))
        .anyMatch(identity -> identity.startsWith(replacement.pid() + "@"));
  }

  @Test
  void theTemporalServerKilledAndRestartedOnItsDatabaseMidSagaStillFinishesItOnce()
      throws Exception {
    String customer = stack.newCustomer();
    JsonNode redemption = stack.redeem(customer, 800);
    String id = redemption.get("redemptionId").asText();
    stack
        .sandbox(
            "POST",
            "/faults",
            Map.of(
                "operation",
                "revokeDiscountCode",
                "failures",
                1,
                "kind",
                "HTTP_429",
                "retryAfterSeconds",
                8))
        .ok();
    long failedBefore = stack.calls("revokeDiscountCode", "failed");

    Response first =
        stack.api(
            "POST", "/redemptions/" + id + "/cancellation", Map.of("refundPointsAnyway", false));
    assertThat(first.body().path("status").asText())
        .as("answer %s", first.body())
        .isEqualTo("RUNNING");
    awaitRevokeFailures(failedBefore + 1);
    long oldServer = stack.temporal.pid();
    Instant outage = Instant.now();
    stack.temporal.kill(); // the whole Temporal cluster goes away during the 8 s Retry-After
    assertThat(codeState(redemption))
        .as("not revoked yet when Temporal went away")
        .isEqualTo("ACTIVE");
    Instant asked = Instant.now();
    // what the admin sees meanwhile: a clear 503 within seconds, not a hanging request
    Response duringOutage =
        stack.api("GET", "/redemptions/" + id + "/cancellation", null, Duration.ofSeconds(10));
    assertThat(duringOutage.status()).as("answer %s", duringOutage.body()).isEqualTo(503);
    assertThat(duringOutage.body().path("error").asText()).isEqualTo("temporal_unavailable");
    assertThat(Duration.between(asked, Instant.now())).isLessThan(Duration.ofSeconds(8));
    System.out.printf(
        "E2E note: Temporal down: GET .../cancellation answered %d in %d ms: %s%n",
        duringOutage.status(),
        Duration.between(asked, Instant.now()).toMillis(),
        duringOutage.body());
    stack.temporal.start(); // same port, same SQLite file
    stack.temporal.awaitServing(stack.service, E2EStack.NAMESPACE, Duration.ofSeconds(60));
    assertThat(stack.temporal.pid()).isNotEqualTo(oldServer);
    Instant back = Instant.now();

    JsonNode done = stack.awaitCancellation(id, Duration.ofSeconds(120), false);
    System.out.printf(
        "E2E note: Temporal killed and restarted: down %d ms, saga finished %d ms after it was back%n",
        Duration.between(outage, back).toMillis(),
        Duration.between(back, Instant.now()).toMillis());

    assertThat(done.get("outcome").asText()).isEqualTo("CANCELLED");
    assertThat(stack.entryKinds(customer)).filteredOn("REDEMPTION_REFUND"::equals).hasSize(1);
    assertThat(stack.balance(customer)).isEqualTo(800);
    assertThat(stack.calls("revokeDiscountCode", "failed")).isEqualTo(failedBefore + 1);
    assertThat(codeState(redemption)).isEqualTo("DEACTIVATED");
    String workflowId = WorkflowIds.cancelRedemption(E2EStack.SHOP, id);
    Histories histories = new Histories(stack.client);
    assertThat(
            histories.list(
                "WorkflowId = '" + workflowId + "'",
                Histories.containsWorkflow(workflowId),
                Duration.ofSeconds(15)))
        .as("one run of the saga")
        .hasSize(1);
    WorkflowExecutionHistory history = histories.history(workflowId);
    assertThat(Histories.completed(history)).as(Histories.describe(history)).isTrue();
    assertThat(Histories.activityTypes(history)).filteredOn("RefundPoints"::equals).hasSize(1);

    // the stack works as before: a fresh cancellation goes through at once
    String next = stack.newCustomer();
    String nextId = stack.redeem(next, 600).get("redemptionId").asText();
    assertThat(stack.awaitCancellation(nextId, Duration.ofSeconds(60)).get("outcome").asText())
        .isEqualTo("CANCELLED");
  }

  /** The platform refused the revocation at least that often (the saga is in a retry wait now). */
  private static void awaitRevokeFailures(long failed) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (stack.calls("revokeDiscountCode", "failed") < failed
        && Instant.now().isBefore(deadline)) {
      Thread.sleep(100);
    }
    assertThat(stack.calls("revokeDiscountCode", "failed"))
        .as("revocations refused by the injected 429")
        .isGreaterThanOrEqualTo(failed);
  }

  private static String codeState(JsonNode redemption) {
    return stack
        .sandbox("GET", "/discount-codes/" + redemption.get("couponCode").asText(), null)
        .ok()
        .get("state")
        .asText();
  }
}
