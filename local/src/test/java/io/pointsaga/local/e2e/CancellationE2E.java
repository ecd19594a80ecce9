package io.pointsaga.local.e2e;

import static io.pointsaga.local.e2e.Histories.activityTypes;
import static io.pointsaga.local.e2e.Histories.containsWorkflow;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pointsaga.temporal.WorkflowIds;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.common.WorkflowExecutionHistory;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SPEC §4 case 1 against a real Temporal server: redeem, then cancel the unused reward; the coupon
 * is revoked, the points come back once, and Temporal's visibility and history show the saga.
 */
class CancellationE2E {
  private static E2EStack stack;
  private static Histories histories;

  @BeforeAll
  static void start() {
    stack = E2EStack.get();
    histories = new Histories(stack.client);
  }

  @Test
  void cancellingAnUnusedRewardRevokesItRestoresTheBalanceAndLeavesACompletedHistory()
      throws Exception {
    String customer = stack.newCustomer();
    JsonNode redemption = stack.redeem(customer, 900);
    String id = redemption.get("redemptionId").asText();
    String coupon = redemption.get("couponCode").asText();
    assertThat(stack.balance(customer)).isEqualTo(900 - E2EStack.REWARD_COST);
    assertThat(stack.sandbox("GET", "/discount-codes/" + coupon, null).ok().get("state").asText())
        .isEqualTo("ACTIVE");

    JsonNode done = stack.awaitCancellation(id, Duration.ofSeconds(60));

    String workflowId = WorkflowIds.cancelRedemption(E2EStack.SHOP, id);
    assertThat(done.get("outcome").asText()).isEqualTo("CANCELLED");
    assertThat(done.get("workflowId").asText()).isEqualTo(workflowId);
    assertThat(stack.balance(customer)).isEqualTo(900);
    assertThat(stack.entryKinds(customer)).filteredOn("REDEMPTION_REFUND"::equals).hasSize(1);
    assertThat(stack.api("GET", "/redemptions/" + id, null).ok().get("status").asText())
        .isEqualTo("REFUNDED");
    assertThat(stack.sandbox("GET", "/discount-codes/" + coupon, null).ok().get("state").asText())
        .isEqualTo("DEACTIVATED");

    // Visibility: the saga is listed by type and id, then its history is read back.
    List<WorkflowExecutionMetadata> listed =
        histories.list(
            "WorkflowType = 'CancelRedemptionWorkflow' AND WorkflowId = '" + workflowId + "'",
            containsWorkflow(workflowId),
            Duration.ofSeconds(15));
    assertThat(listed).as("listed by WorkflowType").hasSize(1);
    assertThat(listed.get(0).getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
    assertThat(listed.get(0).getTaskQueue()).isEqualTo("pointsaga-sagas");
    histories.expectFound("PointSagaRedemption = '" + id + "'", workflowId);
    histories.expectFound(
        "PointSagaRedemption = '" + id + "' AND PointSagaOutcome = 'CANCELLED'", workflowId);
    histories.expectFound(
        "PointSagaShop = '" + E2EStack.SHOP + "' AND PointSagaCustomer = '" + customer + "'",
        workflowId);

    WorkflowExecutionHistory cancel = histories.history(workflowId);
    assertThat(Histories.completed(cancel)).as(Histories.describe(cancel)).isTrue();
    assertThat(activityTypes(cancel))
        .as(Histories.describe(cancel))
        .containsSubsequence("LookupDiscountCode", "RevokeDiscountCode", "RefundPoints");

    WorkflowExecutionHistory redeem =
        histories.history(WorkflowIds.redeemReward(E2EStack.SHOP, id));
    assertThat(Histories.completed(redeem)).as(Histories.describe(redeem)).isTrue();
    assertThat(activityTypes(redeem))
        .as(Histories.describe(redeem))
        .containsSubsequence("Reserve", "CreateDiscountCode", "MarkIssued");
  }

  @Test
  void aSecondCancellationAnswersAlreadyRefundedAndChangesNothing() throws Exception {
    String customer = stack.newCustomer();
    String id = stack.redeem(customer, 700).get("redemptionId").asText();
    assertThat(stack.awaitCancellation(id, Duration.ofSeconds(60)).get("outcome").asText())
        .isEqualTo("CANCELLED");

    JsonNode again = stack.awaitCancellation(id, Duration.ofSeconds(60));

    assertThat(again.get("outcome").asText()).isEqualTo("ALREADY_REFUNDED");
    assertThat(stack.balance(customer)).isEqualTo(700);
    assertThat(stack.entryKinds(customer)).filteredOn("REDEMPTION_REFUND"::equals).hasSize(1);
  }
}
