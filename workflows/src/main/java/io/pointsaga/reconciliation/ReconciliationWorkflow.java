package io.pointsaga.reconciliation;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One saga per installed shop ({@code reconcile/{shop}}, SPEC §10): sleeps on a durable timer for
 * the shop's {@code reconciliationInterval}, then reads the orders the platform changed since its
 * cursor and hands what the webhooks missed to the order sagas. Runs until the shop is uninstalled,
 * continuing as new to keep its history small; works on any Temporal server (no Schedule API).
 */
@WorkflowInterface
public interface ReconciliationWorkflow {
  @WorkflowMethod
  void run(ReconciliationSagaInput input);

  /** Runs a reconciliation now (after the one running, if any) under the given id. */
  @SignalMethod
  void runNow(String reconciliationId);

  /** What the saga is doing: sleeping until when, or which run and how far it read. */
  @QueryMethod
  ReconciliationState state();
}
