package io.pointsaga.order;

import io.pointsaga.platform.PlatformOrderActivities;
import io.pointsaga.temporal.PointSagaSearchAttributes;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;

public class OrderWorkflowImpl implements OrderWorkflow {
  private static final Logger log = Workflow.getLogger(OrderWorkflowImpl.class);

  /** A run ends after this long without events; the next event starts a new one. */
  static final Duration QUIET_SPELL = Duration.ofMinutes(10);

  /** Beyond this many history events the run continues as new to keep histories small. */
  static final int HISTORY_LIMIT = 2_000;

  /**
   * Ledger steps are short database transactions: local activities (run in the worker that runs the
   * workflow, results recorded as markers) spare each event three task-queue round trips. They
   * retry like the others; the ledger must take every event eventually, so for a week.
   */
  private static final LocalActivityOptions LEDGER =
      LocalActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(15))
          .setScheduleToCloseTimeout(Duration.ofDays(7))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setBackoffCoefficient(2)
                  .setMaximumInterval(Duration.ofMinutes(5))
                  .build())
          .build();

  private static final ActivityOptions PLATFORM =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setScheduleToCloseTimeout(Duration.ofDays(1))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setBackoffCoefficient(2)
                  .setMaximumInterval(Duration.ofMinutes(10))
                  .build())
          .build();

  private final Deque<OrderEvent> pending = new ArrayDeque<>();

  @Override
  public void eventReceived(OrderEvent event) {
    pending.add(event);
  }

  @Override
  public int pendingEvents() {
    return pending.size();
  }

  @Override
  public void run(OrderSagaInput input) {
    pending.addAll(input.carriedOver());
    while (true) {
      boolean received = Workflow.await(QUIET_SPELL, () -> !pending.isEmpty());
      if (!received) {
        return;
      }
      apply(input.shopDomain(), input.orderId(), pending.poll());
      if (Workflow.getInfo().getHistoryLength() > HISTORY_LIMIT) {
        List<OrderEvent> rest = new ArrayList<>(pending);
        Workflow.continueAsNew(new OrderSagaInput(input.shopDomain(), input.orderId(), rest));
      }
    }
  }

  private void apply(String shop, String orderId, OrderEvent received) {
    try {
      OrderEvent event =
          needsPlatformDetails(received)
              ? Workflow.newActivityStub(
                      PlatformOrderActivities.class,
                      PLATFORM.toBuilder()
                          .setSummary("Fetch order %s from BigCommerce".formatted(orderId))
                          .build())
                  .resolve(received)
              : received;
      OrderContext context = orders("Load order " + orderId).load(shop, orderId);
      List<OrderChange> changes = OrderPoints.decide(context, event);
      String customer = null;
      for (OrderChange change : changes) {
        orders("Apply %s to order %s".formatted(change.eventKey(), orderId))
            .apply(shop, orderId, change);
        customer = change.after().customerId();
        Workflow.upsertTypedSearchAttributes(
            PointSagaSearchAttributes.OUTCOME.valueSet(change.after().status().name()));
      }
      if (customer != null) {
        Workflow.upsertTypedSearchAttributes(PointSagaSearchAttributes.CUSTOMER.valueSet(customer));
        orders("Recalculate the VIP tier of customer " + customer)
            .recalculateVip(shop, customer, orderId + ":" + event.eventKey());
      }
    } catch (ActivityFailure failure) {
      // Only a failure that can never succeed gets here (unknown shop, order unknown to the
      // platform): record it for operators and go on with the order's next events.
      log.error(
          "order {} event {} could not be applied: {}",
          orderId,
          received.eventKey(),
          failure.getMessage());
    }
  }

  private static OrderActivities orders(String summary) {
    return Workflow.newLocalActivityStub(
        OrderActivities.class, LEDGER.toBuilder().setSummary(summary).build());
  }

  private static boolean needsPlatformDetails(OrderEvent event) {
    return event.kind() == OrderEventKind.BIGCOMMERCE_STATUS_CHANGED
        || event.kind() == OrderEventKind.BIGCOMMERCE_REFUND_CREATED;
  }
}
