package io.pointsaga.settings;

import java.util.List;
import java.util.Set;

/**
 * A shop's refund policies (SPEC §3), with the defaults of {@link #defaults()}.
 *
 * @param cancelOn which platform states cancel points; REFUNDED includes partial refunds
 * @param storeCreditCancelsPoints refunds to store credit cancel points too (default: no)
 * @param vipTiers tiers, any order; a customer is placed in the highest tier whose threshold they
 *     reach
 */
public record ShopSettings(
    Set<CancelOn> cancelOn,
    ClawbackRate clawbackRate,
    RestoreRedeemedPoints restoreRedeemedPoints,
    NegativeBalance negativeBalance,
    RefundedPointsExpiry refundedPointsExpiry,
    boolean storeCreditCancelsPoints,
    List<VipTier> vipTiers) {

  public ShopSettings {
    cancelOn = cancelOn == null ? Set.of(CancelOn.REFUNDED) : Set.copyOf(cancelOn);
    clawbackRate = clawbackRate == null ? ClawbackRate.AWARDED : clawbackRate;
    restoreRedeemedPoints =
        restoreRedeemedPoints == null
            ? RestoreRedeemedPoints.ON_FULL_REFUND
            : restoreRedeemedPoints;
    negativeBalance = negativeBalance == null ? NegativeBalance.ALLOW : negativeBalance;
    refundedPointsExpiry =
        refundedPointsExpiry == null
            ? RefundedPointsExpiry.RESET_FROM_REFUND
            : refundedPointsExpiry;
    vipTiers = vipTiers == null ? List.of() : List.copyOf(vipTiers);
  }

  public static ShopSettings defaults() {
    return new ShopSettings(null, null, null, null, null, false, null);
  }

  public enum CancelOn {
    REFUNDED,
    VOIDED,
    CANCELLED
  }

  public enum ClawbackRate {
    /** Drift-free: points kept = floor(awarded rate x remaining effective spend). */
    AWARDED,
    /**
     * Seed 001: a refund removes floor(current rate x refunded amount); none if the rule is off.
     */
    CURRENT_RULE
  }

  public enum RestoreRedeemedPoints {
    ON_FULL_REFUND,
    NEVER
  }

  public enum NegativeBalance {
    ALLOW,
    CLAMP_TO_ZERO
  }

  public enum RefundedPointsExpiry {
    RESET_FROM_REFUND,
    KEEP_ORIGINAL
  }

  /**
   * @param basis POINTS: points held from orders that still count; REVENUE: their remaining
   *     effective spend
   */
  public record VipTier(String name, long threshold, Basis basis) {
    public enum Basis {
      POINTS,
      REVENUE
    }
  }
}
