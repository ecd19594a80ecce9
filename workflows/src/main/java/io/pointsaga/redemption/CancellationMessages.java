package io.pointsaga.redemption;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The message an admin reads for each outcome (SPEC §4). */
final class CancellationMessages {
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private CancellationMessages() {}

  static String cancelled(RedemptionSnapshot r) {
    return "The points redemption has been canceled: coupon %s was revoked and %d points were returned to the customer."
        .formatted(r.couponCode(), r.pointsSpent());
  }

  static String rewardMissing(RedemptionSnapshot r) {
    return ("Something went wrong: the reward \"%s\" that coupon %s was generated from no longer exists, so the"
            + " redemption cannot be cancelled. You can refund the %d points anyway; the coupon will stay as it is.")
        .formatted(r.rewardName(), r.couponCode(), r.pointsSpent());
  }

  static String rewardUsed(RedemptionSnapshot r) {
    return ("Coupon %s has already been used. You can still refund the %d points the customer spent on it, but"
            + " this will not undo the discount the customer received.")
        .formatted(r.couponCode(), r.pointsSpent());
  }

  static String rewardUntracked(RedemptionSnapshot r) {
    return ("Coupon %s is not tracked by the platform, so we cannot determine whether it has been used or will"
            + " be used. You can still refund the %d points.")
        .formatted(r.couponCode(), r.pointsSpent());
  }

  static String alreadyRefunded(RedemptionSnapshot r, Instant refundedAt) {
    return "This redemption was already refunded on %s; nothing was changed."
        .formatted(DATE.format(refundedAt));
  }

  static String refundedRewardKept(RedemptionSnapshot r) {
    return "%d points were refunded. The reward no longer exists, so coupon %s was left as it is."
        .formatted(r.pointsSpent(), r.couponCode());
  }

  static String refundedRewardUsed(RedemptionSnapshot r) {
    return "%d points were refunded. Coupon %s had already been used; the discount the customer received is not undone."
        .formatted(r.pointsSpent(), r.couponCode());
  }

  static String refundedRewardUntracked(RedemptionSnapshot r) {
    return ("%d points were refunded. Coupon %s is not tracked by the platform, so whether it was or will be"
            + " used cannot be determined.")
        .formatted(r.pointsSpent(), r.couponCode());
  }

  static String pending(RedemptionSnapshot r) {
    return "Coupon %s is still being issued; nothing was changed. Try again in a moment."
        .formatted(r.couponCode());
  }

  static String platformFailed(RedemptionSnapshot r, String step, String reason) {
    return "Could not %s coupon %s on the platform: %s. Nothing was changed; try again once this is fixed."
        .formatted(step, r.couponCode(), reason);
  }

  static String needsFollowUp(RedemptionSnapshot r, boolean couponRevoked, String reason) {
    return (couponRevoked
            ? "Coupon %s was revoked but the %d points could not be credited (%s). The redemption is flagged for follow-up."
            : "Coupon %s was left as it is, but the %d points could not be credited (%s). The redemption is flagged for follow-up.")
        .formatted(r.couponCode(), r.pointsSpent(), reason);
  }

  static String revokedButRefundedElsewhere(RedemptionSnapshot r, Instant refundedAt) {
    return "Coupon %s was revoked; its points had already been refunded on %s, so none were added."
        .formatted(r.couponCode(), DATE.format(refundedAt));
  }

  static String shopUninstalled(RedemptionSnapshot r, String notYet) {
    return ("The shop uninstalled PointSaga before coupon %s could be %s on the platform, so the"
            + " cancellation was stopped. Nothing was changed: the %d points stay spent and the coupon"
            + " may still be usable. Reinstall PointSaga to cancel this redemption.")
        .formatted(r.couponCode(), notYet, r.pointsSpent());
  }

  static String refundedShopUninstalled(RedemptionSnapshot r, String notYet) {
    return ("%d points were refunded as you confirmed. The shop uninstalled PointSaga before coupon %s"
            + " could be %s on the platform, so it was left as it is and may still be usable.")
        .formatted(r.pointsSpent(), r.couponCode(), notYet);
  }
}
