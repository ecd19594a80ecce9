package io.pointsaga.order;

import io.pointsaga.platform.PlatformFailure;
import io.pointsaga.platform.PlatformOrderActivities;
import io.pointsaga.temporal.PointSagaSearchAttributes;
import io.pointsaga.temporal.ShopUninstallStop;
import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
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
          // stopped when the shop uninstalls: wait for the server's confirmation (see SagaOptions)
          .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setBackoffCoefficient(2)
                  .setMaximumInterval(Duration.ofMinutes(10))
                  .build())
          .build();

  private final Deque<OrderEvent> pending = new ArrayDeque<>();

  private final ShopUninstallStop uninstall = new ShopUninstallStop();

  @Override
  public void eventReceived(OrderEvent event) {
    pending.add(event);
  }

  @Override
  public void shopUninstalled() {
    uninstall.request();
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
      if (!received && quietSpellEnds()) {
        return;
      }
      OrderEvent event = pending.poll();
      apply(input.shopDomain(), input.orderId(), event);
      deliveryHandled(input.shopDomain(), event);
      if (Workflow.getInfo().getHistoryLength() > historyLimit()) {
        List<OrderEvent> rest = new ArrayList<>(pending);
        Workflow.continueAsNew(new OrderSagaInput(input.shopDomain(), input.orderId(), rest));
      }
    }
  }

  /**
   * Whether the run may end now that the quiet spell's timer fired. An event that arrived in the
   * same workflow task as the timer is already in {@code pending} although the await reports the
   * timeout: the run goes on and applies it (and anything else pending) first. Runs from before
   * this check (version {@code DEFAULT_VERSION}) ended there, the event unapplied; they replay so.
   */
  private boolean quietSpellEnds() {
    Workflow.await(Workflow::isEveryHandlerFinished); // no command: a handler only adds to pending
    if (pending.isEmpty()) {
      return true;
    }
    int version =
        Workflow.getVersion(EVENTS_AT_THE_END_OF_THE_QUIET_SPELL, Workflow.DEFAULT_VERSION, 1);
    return version == Workflow.DEFAULT_VERSION;
  }

  static final String EVENTS_AT_THE_END_OF_THE_QUIET_SPELL = "events-at-the-end-of-the-quiet-spell";

  /** {@link #HISTORY_LIMIT}; a test subclass lowers it to reach continue-as-new in a few events. */
  int historyLimit() {
    return HISTORY_LIMIT;
  }

  /**
   * Applies one event. Never throws on data: a rejected event (or part of one) and a step that
   * failed for good are kept in the attention queue, and the saga goes on with the next event.
   */
  private void apply(String shop, String orderId, OrderEvent received) {
    String step = "Fetch order %s from BigCommerce".formatted(orderId);
    try {
      OrderEvent event = received;
      if (needsPlatformDetails(received)) {
        String fetch = step;
        Optional<OrderEvent> resolved =
            uninstall.call(
                () ->
                    Workflow.newActivityStub(
                            PlatformOrderActivities.class,
                            PLATFORM.toBuilder().setSummary(fetch).build())
                        .resolve(received));
        if (resolved.isEmpty()) {
          keepForAPerson(
              shop,
              orderId,
              received,
              new FailedOrderEvent(
                  received.eventKey(),
                  received.inboxId(),
                  OrderEventMessages.subject(orderId, received),
                  OrderEventMessages.shopUninstalled(step),
                  PlatformFailure.SHOP_UNINSTALLED,
                  Workflow.getInfo().getWorkflowId()));
          return;
        }
        event = resolved.get();
      }
      step = "Load order " + orderId;
      OrderContext context = orders(step).load(shop, orderId);
      OrderDecision decision = OrderPoints.decision(context, event);
      String customer = null;
      for (OrderChange change : decision.changes()) {
        step = "Apply %s to order %s".formatted(change.eventKey(), orderId);
        orders(step).apply(shop, orderId, change);
        customer = change.after().customerId();
        Workflow.upsertTypedSearchAttributes(
            PointSagaSearchAttributes.OUTCOME.valueSet(change.after().status().name()));
      }
      if (customer != null) {
        Workflow.upsertTypedSearchAttributes(PointSagaSearchAttributes.CUSTOMER.valueSet(customer));
        step = "Recalculate the VIP tier of customer " + customer;
        orders(step).recalculateVip(shop, customer, orderId + ":" + event.eventKey());
      }
      for (EventRejection rejection : decision.rejections()) {
        keepForAPerson(
            shop,
            orderId,
            received,
            new FailedOrderEvent(
                rejection.eventKey(),
                received.inboxId(),
                OrderEventMessages.subject(orderId, event, rejection),
                OrderEventMessages.problem(orderId, rejection),
                rejection.type(),
                Workflow.getInfo().getWorkflowId()));
      }
    } catch (ActivityFailure failure) {
      // Only a failure that can never succeed gets here (classified non-retryable, or out of
      // retries): keep it for a person and go on with the order's next events.
      keepForAPerson(
          shop,
          orderId,
          received,
          new FailedOrderEvent(
              received.eventKey(),
              received.inboxId(),
              OrderEventMessages.subject(orderId, received),
              OrderEventMessages.stepFailed(step, why(failure)),
              failureType(failure),
              Workflow.getInfo().getWorkflowId()));
    } catch (CanceledFailure cancelled) {
      throw cancelled;
    } catch (RuntimeException bug) {
      keepForAPerson(
          shop,
          orderId,
          received,
          new FailedOrderEvent(
              received.eventKey(),
              received.inboxId(),
              OrderEventMessages.subject(orderId, received),
              OrderEventMessages.stepFailed(step, "the saga could not handle this event"),
              "OrderEvent.UNEXPECTED",
              Workflow.getInfo().getWorkflowId()));
    }
  }

  /** Records the failed event in the attention queue (sagas started before it only log it). */
  private void keepForAPerson(String shop, String orderId, OrderEvent event, FailedOrderEvent f) {
    log.warn("order {} event {} failed for good: {}", orderId, f.eventKey(), f.problem());
    int version = Workflow.getVersion(ATTENTION_QUEUE, Workflow.DEFAULT_VERSION, 1);
    if (version == Workflow.DEFAULT_VERSION) {
      return;
    }
    try {
      orders("Keep %s for a person".formatted(f.subject())).recordFailure(shop, orderId, f);
    } catch (ActivityFailure notKept) {
      log.error(
          "order {} event {} failed for good and could not be kept for a person: {}",
          orderId,
          event.eventKey(),
          notKept.getMessage());
    }
  }

  static final String ATTENTION_QUEUE = "attention-queue";

  /**
   * Tells the inbox that the event's delivery is done with, whatever came of it, so that a restart
   * of a server that lost its workflows hands over only what was not (runs from before this change,
   * version {@code DEFAULT_VERSION}, do not). Never throws: the worst case is a harmless second
   * hand-over after a restart.
   */
  private void deliveryHandled(String shop, OrderEvent event) {
    if (event.inboxId() <= 0) {
      return; // not from a webhook delivery
    }
    int version = Workflow.getVersion(INBOX_DELIVERY_HANDLED, Workflow.DEFAULT_VERSION, 1);
    if (version == Workflow.DEFAULT_VERSION) {
      return;
    }
    try {
      orders("Mark webhook delivery %d handled".formatted(event.inboxId()))
          .deliveryHandled(shop, event.inboxId());
    } catch (ActivityFailure notMarked) {
      log.warn(
          "delivery {} of order event {} not marked handled (a restart may hand it over again): {}",
          event.inboxId(),
          event.eventKey(),
          notMarked.getMessage());
    }
  }

  static final String INBOX_DELIVERY_HANDLED = "inbox-delivery-handled";

  private static String why(ActivityFailure failure) {
    Throwable cause = failure.getCause();
    if (cause instanceof ApplicationFailure application) {
      return application.getOriginalMessage();
    }
    if (cause instanceof TimeoutFailure) {
      return "it did not finish in time";
    }
    return "it failed";
  }

  private static String failureType(ActivityFailure failure) {
    if (failure.getCause() instanceof ApplicationFailure application) {
      return application.getType();
    }
    return failure.getCause() == null
        ? "ActivityFailure"
        : failure.getCause().getClass().getSimpleName();
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
