package io.pointsaga.redemption;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** A customer spends points on a reward: debit the points, create the coupon on the platform. */
@WorkflowInterface
public interface RedeemRewardWorkflow {
  @WorkflowMethod
  RedemptionResult redeem(ReserveRedemption request);
}
