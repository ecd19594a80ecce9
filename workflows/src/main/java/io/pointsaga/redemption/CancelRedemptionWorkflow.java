package io.pointsaga.redemption;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** An admin cancels a points redemption (SPEC §4). One workflow per redemption. */
@WorkflowInterface
public interface CancelRedemptionWorkflow {
  @WorkflowMethod
  CancellationResult cancel(CancelRedemptionRequest request);

  /** Which step the saga is at, for an admin waiting on a long revocation. */
  @QueryMethod
  String currentStep();
}
