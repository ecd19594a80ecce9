package io.pointsaga.local.e2e;

import static io.pointsaga.local.e2e.SignedShopifyWebhooks.line;
import static io.pointsaga.local.e2e.SignedShopifyWebhooks.paidOrder;
import static io.pointsaga.local.e2e.SignedShopifyWebhooks.refund;
import static org.assertj.core.api.Assertions.assertThat;

import io.pointsaga.local.e2e.E2EStack.Response;
import io.pointsaga.temporal.WorkflowIds;
import io.temporal.api.enums.v1.EventType;
import io.temporal.common.WorkflowExecutionHistory;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Signed Shopify webhooks to the starter, the order saga on the real server: {@code orders/paid}
 * earns floor(rate x spend); each {@code refunds/create} leaves floor(rate x remaining spend); the
 * full refund leaves nothing from that order (SPEC §3, AWARDED).
 */
class OrderRefundE2E {
  private static E2EStack stack;
  private static SignedShopifyWebhooks webhooks;

  @BeforeAll
  static void start() {
    stack = E2EStack.get();
    webhooks = new SignedShopifyWebhooks(stack);
  }

  @Test
  void paidThenPartialThenFullRefundFollowTheRemainingSpend() throws Exception {
    String customer = stack.newCustomer();
    String orderId = stack.newOrder();
    long before = 100;
    stack
        .api(
            "POST",
            "/customers/" + customer + "/adjustments",
            Map.of("points", before, "note", "e2e start"))
        .ok();

    // $33.33 + $20.00 at 1.5 points per dollar: floor(79.995) = 79
    Map<String, Object> paid =
        paidOrder(orderId, customer, List.of(line(1, "33.33"), line(2, "20.00")));
    assertAccepted(webhooks.send("orders/paid", paid, "paid-" + orderId));
    long earned = pointsFor("53.33");
    assertThat(earned).isEqualTo(79);
    assertThat(stack.awaitBalance(customer, b -> b == before + earned)).isEqualTo(before + earned);

    // the $20 line comes back: floor(1.5 x 33.33) = floor(49.995) = 49 kept
    assertAccepted(
        webhooks.send("refunds/create", refund(801, orderId, 2, "20.00"), "refund-801-" + orderId));
    long kept = pointsFor("33.33");
    assertThat(kept).isEqualTo(49);
    assertThat(stack.awaitBalance(customer, b -> b == before + kept)).isEqualTo(before + kept);

    // the rest comes back: nothing left from this order, the other points untouched
    Map<String, Object> fullRefund = refund(802, orderId, 1, "33.33");
    assertAccepted(webhooks.send("refunds/create", fullRefund, "refund-802-" + orderId));
    assertThat(stack.awaitBalance(customer, b -> b == before)).isEqualTo(before);

    // Every delivery has been processed: three inbox rows, all dispatched, three events applied.
    // Only then can a redelivery be shown to change nothing (no sleep hoping it would have).
    awaitProcessed(orderId, 3);

    // a redelivery of the last refund is acknowledged and changes nothing
    Response again = webhooks.send("refunds/create", fullRefund, "refund-802-" + orderId);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body().path("status").asText()).isEqualTo("duplicate");
    assertThat(inboxRows(orderId)).as("inbox rows of order %s", orderId).isEqualTo(3);
    assertThat(appliedEvents(orderId)).as("events applied to order %s", orderId).isEqualTo(3);
    assertThat(stack.balance(customer)).isEqualTo(before);
    assertThat(stack.entryKinds(customer)).filteredOn("EARN"::equals).hasSize(1);
    assertThat(stack.entryKinds(customer)).filteredOn("REFUND_CLAWBACK"::equals).hasSize(2);

    // Temporal: one saga for the order, signalled once per business event, that ran the ledger
    // steps
    String workflowId = WorkflowIds.order(E2EStack.SHOP, orderId);
    Histories histories = new Histories(stack.client);
    assertThat(
            histories.list(
                "WorkflowType = 'OrderWorkflow' AND WorkflowId = '" + workflowId + "'",
                Histories.containsWorkflow(workflowId),
                Duration.ofSeconds(15)))
        .as("one saga for order %s, listed by WorkflowType", orderId)
        .hasSize(1);
    histories.expectFound("PointSagaOrder = '" + orderId + "'", workflowId);
    WorkflowExecutionHistory order = awaitSignals(histories, workflowId, 3);
    assertThat(Histories.count(order, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED))
        .as(Histories.describe(order))
        .isEqualTo(3);
    assertThat(Histories.activityTypes(order))
        .as(Histories.describe(order))
        .contains("OrderLoad", "OrderApply");
  }

  private static long pointsFor(String spend) {
    return E2EStack.POINTS_PER_UNIT
        .multiply(new BigDecimal(spend))
        .setScale(0, RoundingMode.FLOOR)
        .longValueExact();
  }

  private static void assertAccepted(Response response) {
    assertThat(response.status()).as("webhook answer %s", response.body()).isEqualTo(200);
    assertThat(response.body().path("status").asText()).isEqualTo("accepted");
  }

  /**
   * Until the order's inbox rows are all dispatched and its saga applied as many events (both
   * counted in the database); fails after 30 s with what it saw.
   */
  private static void awaitProcessed(String orderId, long events) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (!(dispatchedInboxRows(orderId) == events && appliedEvents(orderId) == events)
        && Instant.now().isBefore(deadline)) {
      Thread.sleep(100);
    }
    assertThat(dispatchedInboxRows(orderId))
        .as("dispatched inbox rows of order %s", orderId)
        .isEqualTo(events);
    assertThat(appliedEvents(orderId)).as("events applied to order %s", orderId).isEqualTo(events);
  }

  private static long inboxRows(String orderId) {
    return stack
        .jdbc
        .sql(
            "select count(*) from webhook_inbox i join shop s on s.id = i.shop_id"
                + " where s.domain = ? and i.order_id = ?")
        .params(E2EStack.SHOP, orderId)
        .query(Long.class)
        .single();
  }

  private static long dispatchedInboxRows(String orderId) {
    return stack
        .jdbc
        .sql(
            "select count(*) from webhook_inbox i join shop s on s.id = i.shop_id"
                + " where s.domain = ? and i.order_id = ? and i.status = 'DISPATCHED'")
        .params(E2EStack.SHOP, orderId)
        .query(Long.class)
        .single();
  }

  private static long appliedEvents(String orderId) {
    return stack
        .jdbc
        .sql(
            "select count(*) from order_event e join shop s on s.id = e.shop_id"
                + " where s.domain = ? and e.order_id = ?")
        .params(E2EStack.SHOP, orderId)
        .query(Long.class)
        .single();
  }

  /** The relay signals the saga right after the 200, or on its next pass: wait for the signals. */
  private static WorkflowExecutionHistory awaitSignals(
      Histories histories, String workflowId, long signals) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    WorkflowExecutionHistory history = histories.history(workflowId);
    while (Histories.count(history, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED) < signals
        && Instant.now().isBefore(deadline)) {
      Thread.sleep(250);
      history = histories.history(workflowId);
    }
    return history;
  }
}
