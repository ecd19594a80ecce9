package io.pointsaga.redemption;

import io.pointsaga.platform.DiscountCodeSpec;
import io.pointsaga.platform.PlatformActivities;
import io.pointsaga.platform.PlatformDiscount;
import io.pointsaga.redemption.RedemptionResult.RedemptionOutcome;
import io.pointsaga.temporal.PointSagaSearchAttributes;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

public class RedeemRewardWorkflowImpl implements RedeemRewardWorkflow {
  private static final Logger log = Workflow.getLogger(RedeemRewardWorkflowImpl.class);

  private static RedemptionActivities ledger(String summary) {
    return Workflow.newActivityStub(RedemptionActivities.class, SagaOptions.ledger(summary));
  }

  private static PlatformActivities platform(String summary) {
    return Workflow.newActivityStub(
        PlatformActivities.class,
        SagaOptions.couponCreation().toBuilder().setSummary(summary).build());
  }

  private static PlatformActivities compensatingPlatform(String summary) {
    return Workflow.newActivityStub(
        PlatformActivities.class,
        SagaOptions.compensatingRevoke().toBuilder().setSummary(summary).build());
  }

  @Override
  public RedemptionResult redeem(ReserveRedemption request) {
    RedemptionResult result = issue(request);
    Workflow.upsertTypedSearchAttributes(
        PointSagaSearchAttributes.OUTCOME.valueSet(result.outcome().name()));
    return result;
  }

  private RedemptionResult issue(ReserveRedemption request) {
    Reservation reservation =
        ledger("Debit the reward's points for redemption " + request.redemptionId())
            .reserve(request);
    switch (reservation.status()) {
      case REWARD_NOT_FOUND -> {
        return refused(
            RedemptionOutcome.REWARD_NOT_FOUND,
            reservation,
            "Reward %d does not exist in this shop.".formatted(request.rewardId()));
      }
      case INSUFFICIENT_POINTS -> {
        return refused(
            RedemptionOutcome.INSUFFICIENT_POINTS,
            reservation,
            "The customer has %d points; the reward costs %d."
                .formatted(reservation.balanceAfter(), reservation.pointsSpent()));
      }
      case RESERVED -> {
        // continue below
      }
    }
    DiscountCodeSpec coupon =
        new DiscountCodeSpec(
            reservation.couponCode(),
            "Loyalty reward: " + reservation.rewardName(),
            reservation.discountAmount(),
            request.customerId());
    PlatformDiscount created;
    try {
      created =
          platform("Create coupon %s on the platform".formatted(coupon.code()))
              .createDiscountCode(request.shopDomain(), coupon);
    } catch (ActivityFailure failure) {
      String reason = FailureText.of(failure);
      log.warn("coupon creation failed for good for {}: {}", request.redemptionId(), reason);
      Workflow.newDetachedCancellationScope(() -> compensate(request, coupon, reason)).run();
      return new RedemptionResult(
          RedemptionOutcome.COUPON_FAILED,
          request.redemptionId(),
          null,
          reservation.pointsSpent(),
          reservation.balanceAfter() + reservation.pointsSpent(),
          "The coupon could not be created on the platform (%s). The %d points were given back."
              .formatted(reason, reservation.pointsSpent()));
    }
    ledger("Mark redemption issued")
        .markIssued(request.redemptionId(), created.platformDiscountId());
    return new RedemptionResult(
        RedemptionOutcome.ISSUED,
        request.redemptionId(),
        reservation.couponCode(),
        reservation.pointsSpent(),
        reservation.balanceAfter(),
        "Coupon %s issued for \"%s\"; %d points spent."
            .formatted(
                reservation.couponCode(), reservation.rewardName(), reservation.pointsSpent()));
  }

  /**
   * Undo in reverse order. Any attempt of the create may have reached the platform before it timed
   * out, even if the last attempt was refused, so the code is always revoked (a code that never
   * existed revokes as ALREADY_GONE). If that cannot be confirmed the redemption is flagged, and
   * the points come back either way.
   */
  private void compensate(ReserveRedemption request, DiscountCodeSpec coupon, String reason) {
    try {
      compensatingPlatform("Compensate: revoke coupon %s if it exists".formatted(coupon.code()))
          .revokeDiscountCode(request.shopDomain(), coupon.code());
    } catch (ActivityFailure revokeFailure) {
      ledger("Compensate: flag the redemption for follow-up")
          .flagForFollowUp(
              request.shopDomain(),
              request.redemptionId(),
              "coupon %s may exist on the platform but could not be revoked (%s)"
                  .formatted(coupon.code(), FailureText.of(revokeFailure)));
    }
    ledger("Compensate: give the points back").reverseReservation(request.redemptionId(), reason);
  }

  private static RedemptionResult refused(
      RedemptionOutcome outcome, Reservation reservation, String message) {
    return new RedemptionResult(
        outcome,
        reservation.redemptionId(),
        null,
        reservation.pointsSpent(),
        reservation.balanceAfter(),
        message);
  }
}
