package io.pointsaga.order;

import io.pointsaga.temporal.SagaSignals;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One saga per order: applies the order's events (paid, refunds, status changes) one at a time,
 * each once, in the order they arrive. Started or signalled with signal-with-start by the webhook
 * relay; ends after a quiet spell (its state lives in the ledger, a later event starts a new run).
 */
@WorkflowInterface
public interface OrderWorkflow {
  @WorkflowMethod
  void run(OrderSagaInput input);

  @SignalMethod
  void eventReceived(OrderEvent event);

  /**
   * The shop uninstalled PointSaga: the platform step in flight is cancelled, and events that need
   * the platform are kept for a person instead of fetched; the ledger-only events are still
   * applied.
   */
  @SignalMethod(name = SagaSignals.SHOP_UNINSTALLED)
  void shopUninstalled();

  /** Events received and not applied yet. */
  @QueryMethod
  int pendingEvents();
}
