package io.pointsaga.local.bench;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The orchestrator's ceiling: a workflow of the order saga's shape per refund (its number of
 * activities and local activities, see {@link SagaShape}) whose steps do nothing.
 */
@WorkflowInterface
public interface BareWorkflow {
  @WorkflowMethod
  void run(SagaShape shape);
}
