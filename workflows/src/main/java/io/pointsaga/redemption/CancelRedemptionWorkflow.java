package io.pointsaga.redemption;

import io.pointsaga.temporal.SagaSignals;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
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

  /**
   * The shop uninstalled PointSaga: the saga stops calling the platform and ends (PLATFORM_FAILED,
   * or with {@code refundPointsAnyway} the points refunded and the coupon left as it is).
   */
  @SignalMethod(name = SagaSignals.SHOP_UNINSTALLED)
  void shopUninstalled();
}
