package io.pointsaga.redemption;

import io.pointsaga.platform.DiscountCodeSpec;
import io.pointsaga.platform.PlatformActivities;
import io.pointsaga.platform.PlatformDiscount;
import io.pointsaga.platform.RevocationResult;
import io.pointsaga.redemption.RedemptionResult.RedemptionOutcome;
import io.pointsaga.temporal.PointSagaSearchAttributes;
import io.pointsaga.temporal.ShopUninstallStop;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * Reserve the points, create the coupon, mark the redemption issued.
 *
 * <p>Each compensation is registered before its forward step (a step that timed out may have run
 * after all), and compensations run newest first in a detached cancellation scope when a step fails
 * for good. Every compensation tolerates a forward step that never happened and is idempotent. The
 * workflow never throws on data: every way out is an explicit {@link RedemptionOutcome}, and the
 * redemption never stays PENDING: it ends ISSUED, or FAILED with a note (NEEDS_FOLLOW_UP when a
 * compensation itself could not be completed).
 */
public class RedeemRewardWorkflowImpl implements RedeemRewardWorkflow {
  private static final Logger log = Workflow.getLogger(RedeemRewardWorkflowImpl.class);

  /** Registered compensations, the newest first. Registering issues no command. */
  private final Deque<Runnable> compensations = new ArrayDeque<>();

  /** Why the saga gave up: the reason the compensations write in their notes. */
  private String failure;

  /** What reserve answered; null while unknown (not run yet, or it failed for good). */
  private Reservation reservation;

  /** False when a compensation could not give the points back (the redemption is flagged). */
  private boolean pointsBack = true;

  private final ShopUninstallStop uninstall = new ShopUninstallStop();

  @Override
  public void shopUninstalled() {
    uninstall.request();
  }

  private static final String SHOP_UNINSTALLED =
      "the shop uninstalled PointSaga, so the platform is no longer called";

  /** Activities or local activities, decided at the start (see {@link LedgerSteps}). */
  private LedgerSteps ledgerSteps;

  private RedemptionActivities ledger(String summary) {
    return ledgerSteps.redemptions(summary);
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
    ledgerSteps = LedgerSteps.atStart();
    RedemptionResult result = issue(request);
    Workflow.upsertTypedSearchAttributes(
        PointSagaSearchAttributes.OUTCOME.valueSet(result.outcome().name()));
    return result;
  }

  private RedemptionResult issue(ReserveRedemption request) {
    // Before the step: a reserve that timed out may have committed its debit.
    compensations.push(() -> undoReserve(request));
    try {
      reservation =
          ledger("Debit the reward's points for redemption " + request.redemptionId())
              .reserve(request);
    } catch (ActivityFailure reserveFailure) {
      giveUp(request, "the points could not be reserved: " + FailureText.of(reserveFailure));
      return failedBeforeCoupon(request);
    }
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
      case CUSTOMER_ERASED -> {
        return refused(
            RedemptionOutcome.CUSTOMER_ERASED,
            reservation,
            "This customer's personal data was erased by a privacy request; nothing was spent.");
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
    // Before the step: any attempt of the create may have reached the platform before timing out.
    compensations.push(() -> revokeCoupon(request, coupon));
    PlatformDiscount created;
    try {
      Optional<PlatformDiscount> maybeCreated =
          uninstall.call(
              () ->
                  platform("Create coupon %s on the platform".formatted(coupon.code()))
                      .createDiscountCode(request.shopDomain(), coupon));
      if (maybeCreated.isEmpty()) {
        giveUp(request, SHOP_UNINSTALLED);
        return couponFailed(
            request,
            "The coupon was not created: the shop uninstalled PointSaga first.",
            reservation);
      }
      created = maybeCreated.get();
    } catch (ActivityFailure createFailure) {
      String reason = FailureText.of(createFailure);
      giveUp(request, reason);
      return couponFailed(
          request,
          "The coupon could not be created on the platform (%s).".formatted(reason),
          reservation);
    }
    try {
      ledger("Mark redemption issued")
          .markIssued(request.redemptionId(), created.platformDiscountId());
    } catch (ActivityFailure markFailure) {
      String reason = "the redemption could not be marked issued: " + FailureText.of(markFailure);
      giveUp(request, reason);
      return couponFailed(
          request,
          "Coupon %s was created but %s; it was revoked.".formatted(coupon.code(), reason),
          reservation);
    }
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

  /** A step failed for good: run the compensations registered so far, newest first. */
  private void giveUp(ReserveRedemption request, String reason) {
    failure = reason;
    log.warn("redemption {} failed for good, compensating: {}", request.redemptionId(), reason);
    Workflow.newDetachedCancellationScope(
            () -> {
              while (!compensations.isEmpty()) {
                compensations.pop().run();
              }
            })
        .run();
  }

  /**
   * Compensation of the coupon step. The code is always revoked (a code that never existed revokes
   * as ALREADY_GONE); if that cannot be confirmed the redemption is flagged for follow-up, and the
   * points come back either way (the next compensation).
   */
  private void revokeCoupon(ReserveRedemption request, DiscountCodeSpec coupon) {
    try {
      Optional<RevocationResult> revoked =
          uninstall.call(
              () ->
                  compensatingPlatform(
                          "Compensate: revoke coupon %s if it exists".formatted(coupon.code()))
                      .revokeDiscountCode(request.shopDomain(), coupon.code()));
      if (revoked.isEmpty()) {
        flagForFollowUp(
            request,
            "coupon %s may exist on the platform but could not be revoked: %s"
                .formatted(coupon.code(), SHOP_UNINSTALLED));
      }
    } catch (ActivityFailure revokeFailure) {
      flagForFollowUp(
          request,
          "coupon %s may exist on the platform but could not be revoked (%s)"
              .formatted(coupon.code(), FailureText.of(revokeFailure)));
    }
  }

  /**
   * Compensation of the reserve step: gives the debit back and ends the redemption FAILED. When
   * reserve's answer is unknown it may or may not have committed, so {@code markFailed} handles
   * both (and writes the note).
   */
  private void undoReserve(ReserveRedemption request) {
    try {
      if (reservation != null) {
        ledger("Compensate: give the points back")
            .reverseReservation(request.redemptionId(), failure);
      } else {
        ledger("Compensate: end the redemption as failed").markFailed(request, failure);
      }
    } catch (ActivityFailure undoFailure) {
      pointsBack = false;
      flagForFollowUp(
          request,
          "the points of this redemption could not be given back (%s)"
              .formatted(FailureText.of(undoFailure)));
    }
  }

  private void flagForFollowUp(ReserveRedemption request, String problem) {
    try {
      ledger("Compensate: flag the redemption for follow-up")
          .flagForFollowUp(request.shopDomain(), request.redemptionId(), problem);
    } catch (ActivityFailure flagFailure) {
      // Nothing left to try from here: the log line and the workflow's result say it.
      log.error(
          "redemption {} could not be flagged for follow-up ({}): {}",
          request.redemptionId(),
          FailureText.of(flagFailure),
          problem);
    }
  }

  private RedemptionResult couponFailed(
      ReserveRedemption request, String what, Reservation reserved) {
    String points =
        pointsBack
            ? "The %d points were given back.".formatted(reserved.pointsSpent())
            : "The %d points could not be given back yet; the redemption needs follow-up."
                .formatted(reserved.pointsSpent());
    return new RedemptionResult(
        RedemptionOutcome.COUPON_FAILED,
        request.redemptionId(),
        null,
        reserved.pointsSpent(),
        pointsBack ? reserved.balanceAfter() + reserved.pointsSpent() : reserved.balanceAfter(),
        what + " " + points);
  }

  /** Reserve failed for good: its answer is unknown, so is the balance. */
  private RedemptionResult failedBeforeCoupon(ReserveRedemption request) {
    String points =
        pointsBack
            ? "No points were spent."
            : "Points may have been debited and could not be given back yet; the redemption needs follow-up.";
    return new RedemptionResult(
        RedemptionOutcome.COUPON_FAILED,
        request.redemptionId(),
        null,
        0,
        0,
        "The redemption could not be completed: %s. %s".formatted(failure, points));
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
