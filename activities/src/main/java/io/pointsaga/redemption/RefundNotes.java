package io.pointsaga.redemption;

/** The human-readable notes of a redemption's refund (SPEC §4). */
final class RefundNotes {
  private RefundNotes() {}

  static String ledgerNote(Redemption r, RefundReason reason) {
    return switch (reason) {
      case CANCELLED ->
          "The points redemption has been canceled: coupon %s for \"%s\" was revoked and %d points were returned."
              .formatted(r.couponCode(), r.rewardName(), r.pointsSpent());
      case REWARD_KEPT ->
          "%d points refunded for redemption of \"%s\"; the reward no longer exists, so coupon %s was left as it is."
              .formatted(r.pointsSpent(), r.rewardName(), r.couponCode());
      case REWARD_USED ->
          "%d points refunded for redemption of \"%s\"; coupon %s had already been used and the discount is not undone."
              .formatted(r.pointsSpent(), r.rewardName(), r.couponCode());
      case REWARD_UNTRACKED ->
          "%d points refunded for redemption of \"%s\"; coupon %s is not tracked by the platform, so whether it was or will be used is unknown."
              .formatted(r.pointsSpent(), r.rewardName(), r.couponCode());
      case SHOP_UNINSTALLED ->
          "%d points refunded for redemption of \"%s\"; the shop uninstalled PointSaga before coupon %s could be revoked, so it was left as it is."
              .formatted(r.pointsSpent(), r.rewardName(), r.couponCode());
    };
  }

  static String couponKeptNote(Redemption r, RefundReason reason) {
    return "Coupon %s was not revoked (%s): the admin confirmed refunding the points anyway."
        .formatted(
            r.couponCode(),
            switch (reason) {
              case REWARD_KEPT -> "the reward definition no longer exists";
              case REWARD_USED -> "it was already used";
              case REWARD_UNTRACKED -> "the platform does not track it";
              case SHOP_UNINSTALLED -> "the shop uninstalled PointSaga first";
              case CANCELLED -> "revoked";
            });
  }
}
