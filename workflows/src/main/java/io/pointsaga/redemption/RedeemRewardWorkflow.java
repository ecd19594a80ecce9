package io.pointsaga.redemption;

import io.pointsaga.temporal.SagaSignals;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** A customer spends points on a reward: debit the points, create the coupon on the platform. */
@WorkflowInterface
public interface RedeemRewardWorkflow {
  @WorkflowMethod
  RedemptionResult redeem(ReserveRedemption request);

  /**
   * The shop uninstalled PointSaga: the coupon is not created (or no longer awaited), the points
   * come back, and the redemption is flagged for follow-up if the coupon may exist on the platform.
   */
  @SignalMethod(name = SagaSignals.SHOP_UNINSTALLED)
  void shopUninstalled();
}
