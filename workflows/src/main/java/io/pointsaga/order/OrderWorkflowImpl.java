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
import io.temporal.workflow.Promise;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
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

  /** When the order's pending points are due for approval; null when none are pending. */
  private Instant approvalDue;

  /** The one timer the run waits on (see {@link #eventArrivesBefore}); null before the first. */
  private Promise<Void> timer;

  private long timerFiresAt;

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
    approvalDue = input.pendingApprovalAt();
    int version = Workflow.getVersion(ONE_TIMER_PER_QUIET_SPELL, Workflow.DEFAULT_VERSION, 1);
    if (version == Workflow.DEFAULT_VERSION) {
      runWithATimerPerEvent(input);
    } else {
      runWithDeadlines(input);
    }
  }

  /**
   * Since issue 13: the run waits for its next event, the end of its quiet spell or the approval of
   * the order's pending points, whichever comes first, on one timer at a time (a timer that fires
   * before the deadline, which moved on with each event, is followed by one for the rest). The run
   * never ends while points wait for approval.
   */
  private void runWithDeadlines(OrderSagaInput input) {
    long quietUntil = Workflow.currentTimeMillis() + QUIET_SPELL.toMillis();
    while (true) {
      if (pending.isEmpty()) {
        Instant due = approvalDue;
        long deadline = due == null ? quietUntil : due.toEpochMilli();
        if (!eventArrivesBefore(deadline, input.orderId(), due != null)) {
          if (due != null) {
            approvePendingPoints(input);
            quietUntil = Workflow.currentTimeMillis() + QUIET_SPELL.toMillis();
            continue;
          }
          Workflow.await(Workflow::isEveryHandlerFinished); // a handler only adds to pending
          if (pending.isEmpty()) {
            return;
          }
          continue;
        }
      }
      OrderEvent event = pending.poll();
      apply(input.shopDomain(), input.orderId(), event).ifPresent(this::armApproval);
      deliveryHandled(input.shopDomain(), event);
      quietUntil = Workflow.currentTimeMillis() + QUIET_SPELL.toMillis();
      if (Workflow.getInfo().getHistoryLength() > historyLimit()) {
        continueAsNew(input);
      }
    }
  }

  /**
   * Waits until an event arrives (true) or {@code deadline} passes (false). One timer at a time: a
   * timer still running for an earlier or the same deadline is waited on again, not replaced.
   */
  private boolean eventArrivesBefore(long deadline, String orderId, boolean forApproval) {
    while (pending.isEmpty()) {
      long now = Workflow.currentTimeMillis();
      if (now >= deadline) {
        return false;
      }
      if (timer == null || timer.isCompleted() || timerFiresAt > deadline) {
        String summary =
            forApproval
                ? "Approve the pending points of order " + orderId
                : "Quiet spell of order " + orderId;
        timer =
            Workflow.newTimer(
                Duration.ofMillis(deadline - now),
                TimerOptions.newBuilder().setSummary(summary).build());
        timerFiresAt = deadline;
      }
      Promise<Void> waitingOn = timer;
      Workflow.await(() -> !pending.isEmpty() || waitingOn.isCompleted());
    }
    return true;
  }

  /**
   * The pending period passed: applies the approval as an event of the order. A failure is kept for
   * a person by {@link #apply}; the timer is not set again then (a later event of the order, or the
   * attention queue's retry, approves them).
   */
  private void approvePendingPoints(OrderSagaInput input) {
    approvalDue = null;
    apply(
            input.shopDomain(),
            input.orderId(),
            OrderEvent.pendingPeriodEnded(input.shopDomain(), input.orderId()))
        .filter(after -> after.pending() && after.pendingUntil() != null)
        .filter(after -> after.pendingUntil().toEpochMilli() > Workflow.currentTimeMillis())
        .ifPresent(this::armApproval);
  }

  /** Waits for the approval of the order's pending points, if it has some. */
  private void armApproval(OrderState order) {
    approvalDue = order.pending() ? order.pendingUntil() : null;
  }

  private void continueAsNew(OrderSagaInput input) {
    List<OrderEvent> rest = new ArrayList<>(pending);
    Workflow.continueAsNew(
        new OrderSagaInput(input.shopDomain(), input.orderId(), rest, approvalDue));
  }

  static final String ONE_TIMER_PER_QUIET_SPELL = "one-timer-per-quiet-spell";

  /**
   * Runs started before issue 13 (version {@code DEFAULT_VERSION}): a new quiet-spell timer on each
   * turn. Such a run that comes to hold pending points continues as new, onto {@link
   * #runWithDeadlines}, which waits for their approval (runs recorded before never hold any, so
   * their histories replay unchanged).
   */
  private void runWithATimerPerEvent(OrderSagaInput input) {
    while (true) {
      if (approvalDue != null) {
        continueAsNew(input);
      }
      boolean received = Workflow.await(QUIET_SPELL, () -> !pending.isEmpty());
      if (!received && quietSpellEnds()) {
        return;
      }
      OrderEvent event = pending.poll();
      apply(input.shopDomain(), input.orderId(), event).ifPresent(this::armApproval);
      deliveryHandled(input.shopDomain(), event);
      if (Workflow.getInfo().getHistoryLength() > historyLimit()) {
        continueAsNew(input);
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
   * Returns the order as the event left it; empty when a step failed.
   */
  private Optional<OrderState> apply(String shop, String orderId, OrderEvent received) {
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
          return Optional.empty();
        }
        event = resolved.get();
      }
      step = "Load order " + orderId;
      OrderContext context = orders(step).load(shop, orderId);
      OrderDecision decision =
          OrderPoints.decision(context, event, Instant.ofEpochMilli(Workflow.currentTimeMillis()));
      OrderState order = context.order();
      String customer = null;
      for (OrderChange change : decision.changes()) {
        order = change.after();
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
      return Optional.ofNullable(order);
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
      return Optional.empty();
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
      return Optional.empty();
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
