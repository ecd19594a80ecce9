package io.pointsaga.redemption;

import io.pointsaga.platform.DiscountCodeStatus;
import io.pointsaga.platform.PlatformActivities;
import io.pointsaga.platform.RevocationResult;
import io.pointsaga.temporal.PointSagaSearchAttributes;
import io.pointsaga.temporal.ShopUninstallStop;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * The cancellation saga of SPEC §4. The only step that changes something on both sides is
 * revoke-then-refund: once the coupon is revoked the refund must happen, and if it fails for good
 * the compensation flags the redemption for follow-up with a note.
 */
public class CancelRedemptionWorkflowImpl implements CancelRedemptionWorkflow {
  private static final Logger log = Workflow.getLogger(CancelRedemptionWorkflowImpl.class);

  private String step = "starting";
  private String shopDomain;

  private final ShopUninstallStop uninstall = new ShopUninstallStop();

  /** Activities or local activities, decided at the start (see {@link LedgerSteps}). */
  private LedgerSteps ledgerSteps;

  @Override
  public String currentStep() {
    return step;
  }

  @Override
  public void shopUninstalled() {
    uninstall.request();
  }

  @Override
  public CancellationResult cancel(CancelRedemptionRequest request) {
    shopDomain = request.shopDomain();
    ledgerSteps = LedgerSteps.atStart();
    CancellationResult result = decide(request);
    Workflow.upsertTypedSearchAttributes(
        PointSagaSearchAttributes.OUTCOME.valueSet(result.outcome().name()));
    recordOutcome(request, result);
    return result;
  }

  /**
   * The outcome's last step: written once, counted ({@code pointsaga_cancellations_total}) and
   * logged by the activity, never here. Runs recorded before it (version {@code DEFAULT_VERSION})
   * replay without it. A failure to record changes nothing of the outcome the admin gets.
   */
  private void recordOutcome(CancelRedemptionRequest request, CancellationResult result) {
    if (Workflow.getVersion(RECORD_OUTCOME, Workflow.DEFAULT_VERSION, 1)
        == Workflow.DEFAULT_VERSION) {
      return;
    }
    try {
      ledgerSteps
          .outcomes("Record outcome " + result.outcome())
          .recordCancellationOutcome(
              request.shopDomain(), request.redemptionId(), result.outcome().name());
    } catch (ActivityFailure notRecorded) {
      log.error(
          "cancellation of {} ended {} but the outcome could not be recorded: {}",
          request.redemptionId(),
          result.outcome(),
          FailureText.of(notRecorded));
    }
  }

  /** {@link Workflow#getVersion} change id of {@link #recordOutcome}. */
  static final String RECORD_OUTCOME = "record-cancellation-outcome";

  private RedemptionActivities ledger(String summary) {
    return ledgerSteps.redemptions(summary);
  }

  private static PlatformActivities platform(String summary) {
    return Workflow.newActivityStub(PlatformActivities.class, SagaOptions.singleAttempt(summary));
  }

  private CancellationResult decide(CancelRedemptionRequest request) {
    step = "loading the redemption";
    RedemptionSnapshot redemption =
        ledger("Load redemption " + request.redemptionId())
            .load(request.shopDomain(), request.redemptionId());
    if (redemption.refundedAt() != null) {
      return unchanged(
          redemption,
          CancellationOutcome.ALREADY_REFUNDED,
          CancellationMessages.alreadyRefunded(redemption, redemption.refundedAt()),
          redemption.refundedAt());
    }
    if (redemption.status() == RedemptionStatus.PENDING) {
      return unchanged(
          redemption,
          CancellationOutcome.REDEMPTION_PENDING,
          CancellationMessages.pending(redemption),
          null);
    }

    step = "looking the coupon up on the platform";
    Optional<DiscountCodeStatus> lookedUp;
    try {
      String summary = "Look coupon %s up on the platform".formatted(redemption.couponCode());
      lookedUp =
          uninstall.call(
              () ->
                  PersistentCall.run(
                      summary,
                      () ->
                          platform(summary)
                              .lookupDiscountCode(request.shopDomain(), redemption.couponCode())));
    } catch (ActivityFailure failure) {
      return platformFailed(redemption, "look up", failure);
    }
    if (lookedUp.isEmpty()) {
      return shopUninstalled(request, redemption, "looked up");
    }
    DiscountCodeStatus coupon = lookedUp.get();

    if (!coupon.tracked()) {
      return request.refundPointsAnyway()
          ? refund(
              request,
              redemption,
              RefundReason.REWARD_UNTRACKED,
              CancellationOutcome.POINTS_REFUNDED_REWARD_UNTRACKED,
              CancellationMessages.refundedRewardUntracked(redemption))
          : unchanged(
              redemption,
              CancellationOutcome.REWARD_UNTRACKED,
              CancellationMessages.rewardUntracked(redemption),
              null);
    }
    if (coupon.used()) {
      return request.refundPointsAnyway()
          ? refund(
              request,
              redemption,
              RefundReason.REWARD_USED,
              CancellationOutcome.POINTS_REFUNDED_REWARD_USED,
              CancellationMessages.refundedRewardUsed(redemption))
          : unchanged(
              redemption,
              CancellationOutcome.REWARD_USED,
              CancellationMessages.rewardUsed(redemption),
              null);
    }
    if (!redemption.rewardExists()) {
      return request.refundPointsAnyway()
          ? refund(
              request,
              redemption,
              RefundReason.REWARD_KEPT,
              CancellationOutcome.POINTS_REFUNDED_REWARD_KEPT,
              CancellationMessages.refundedRewardKept(redemption))
          : unchanged(
              redemption,
              CancellationOutcome.REWARD_MISSING,
              CancellationMessages.rewardMissing(redemption),
              null);
    }

    step = "revoking the coupon on the platform";
    Optional<RevocationResult> revoked;
    try {
      String summary = "Revoke coupon %s on the platform".formatted(redemption.couponCode());
      revoked =
          uninstall.call(
              () ->
                  PersistentCall.run(
                      summary,
                      () ->
                          platform(summary)
                              .revokeDiscountCode(request.shopDomain(), redemption.couponCode())));
    } catch (ActivityFailure failure) {
      return platformFailed(redemption, "revoke", failure);
    }
    if (revoked.isEmpty()) {
      return shopUninstalled(request, redemption, "revoked");
    }
    return refund(
        request,
        redemption,
        RefundReason.CANCELLED,
        CancellationOutcome.CANCELLED,
        CancellationMessages.cancelled(redemption));
  }

  private CancellationResult refund(
      CancelRedemptionRequest request,
      RedemptionSnapshot redemption,
      RefundReason reason,
      CancellationOutcome outcome,
      String message) {
    step = "refunding the points";
    PointsRefund refund;
    try {
      refund =
          ledger("Give back %d points (%s)".formatted(redemption.pointsSpent(), reason))
              .refundPoints(request.shopDomain(), redemption.redemptionId(), reason);
    } catch (ActivityFailure failure) {
      String problem = FailureText.of(failure);
      log.error("refund of {} failed for good: {}", redemption.redemptionId(), problem);
      step = "flagging the redemption for follow-up";
      String flag =
          reason == RefundReason.CANCELLED
              ? "coupon %s was revoked but the points could not be credited: %s"
                  .formatted(redemption.couponCode(), problem)
              : "the points could not be credited: " + problem;
      Workflow.newDetachedCancellationScope(
              () ->
                  ledger("Flag redemption for follow-up")
                      .flagForFollowUp(request.shopDomain(), redemption.redemptionId(), flag))
          .run();
      step = "done";
      return new CancellationResult(
          redemption.redemptionId(),
          CancellationOutcome.NEEDS_FOLLOW_UP,
          CancellationMessages.needsFollowUp(redemption, reason == RefundReason.CANCELLED, problem),
          0,
          null);
    }
    step = "done";
    if (!refund.refundedNow()) {
      // Refunded by another path (e.g. a full refund of the order) while this saga ran.
      String already =
          reason == RefundReason.CANCELLED
              ? CancellationMessages.revokedButRefundedElsewhere(redemption, refund.refundedAt())
              : CancellationMessages.alreadyRefunded(redemption, refund.refundedAt());
      return unchanged(
          redemption, CancellationOutcome.ALREADY_REFUNDED, already, refund.refundedAt());
    }
    return new CancellationResult(
        redemption.redemptionId(), outcome, message, refund.pointsRefunded(), refund.refundedAt());
  }

  /**
   * The shop uninstalled PointSaga before the coupon's state was known or its revocation confirmed:
   * the coupon may still be usable on the platform, so the points stay spent unless the admin
   * confirmed refunding them anyway (then the coupon is left as it is, as for an untracked one).
   */
  private CancellationResult shopUninstalled(
      CancelRedemptionRequest request, RedemptionSnapshot redemption, String notYet) {
    log.info(
        "cancellation of {} stopped: shop {} uninstalled PointSaga",
        redemption.redemptionId(),
        request.shopDomain());
    return request.refundPointsAnyway()
        ? refund(
            request,
            redemption,
            RefundReason.SHOP_UNINSTALLED,
            CancellationOutcome.POINTS_REFUNDED_REWARD_UNTRACKED,
            CancellationMessages.refundedShopUninstalled(redemption, notYet))
        : unchanged(
            redemption,
            CancellationOutcome.PLATFORM_FAILED,
            CancellationMessages.shopUninstalled(redemption, notYet),
            null);
  }

  private CancellationResult platformFailed(
      RedemptionSnapshot redemption, String action, ActivityFailure failure) {
    String message =
        CancellationMessages.platformFailed(redemption, action, FailureText.of(failure));
    keepForAPerson(redemption, message);
    return unchanged(redemption, CancellationOutcome.PLATFORM_FAILED, message, null);
  }

  /**
   * Keeps the failed cancellation in the shop's attention queue (SPEC §11). Runs from before it
   * (version {@code DEFAULT_VERSION}) ended without it and replay so. A failure to keep it is only
   * logged: the outcome and its message still reach the admin.
   */
  private void keepForAPerson(RedemptionSnapshot redemption, String message) {
    int version = Workflow.getVersion(ATTENTION_QUEUE, Workflow.DEFAULT_VERSION, 1);
    if (version == Workflow.DEFAULT_VERSION) {
      return;
    }
    step = "keeping the redemption for a person";
    try {
      ledger("Keep redemption %s for a person".formatted(redemption.redemptionId()))
          .keepPlatformFailure(shopDomain, redemption.redemptionId(), message);
    } catch (ActivityFailure notKept) {
      log.error(
          "cancellation of {} ended PLATFORM_FAILED and could not be kept for a person: {}",
          redemption.redemptionId(),
          FailureText.of(notKept));
    }
  }

  static final String ATTENTION_QUEUE = "attention-queue-platform-failed";

  private CancellationResult unchanged(
      RedemptionSnapshot redemption,
      CancellationOutcome outcome,
      String message,
      java.time.Instant refundedAt) {
    step = "done";
    return new CancellationResult(redemption.redemptionId(), outcome, message, 0, refundedAt);
  }
}
