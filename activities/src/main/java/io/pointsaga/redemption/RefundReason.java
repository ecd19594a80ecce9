package io.pointsaga.redemption;

/** Why a redemption's points are given back; decides the note. */
public enum RefundReason {
  /** The coupon was revoked: the redemption is cancelled (SPEC §4 case 1). */
  CANCELLED,
  /**
   * The admin confirmed; the reward definition no longer exists and the coupon is kept (case 2).
   */
  REWARD_KEPT,
  /** The admin confirmed; the coupon was already used (case 4). */
  REWARD_USED,
  /** The admin confirmed; the platform does not know the coupon (case 5). */
  REWARD_UNTRACKED,
  /**
   * The admin confirmed; the shop uninstalled PointSaga before the coupon could be revoked, so it
   * is left as it is (SPEC §9).
   */
  SHOP_UNINSTALLED
}
