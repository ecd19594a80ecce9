package io.pointsaga.settings;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * A shop's refund policies (SPEC §3), with the defaults of {@link #defaults()}.
 *
 * @param cancelOn which platform states cancel points; REFUNDED includes partial refunds
 * @param storeCreditCancelsPoints refunds to store credit cancel points too (default: no)
 * @param vipTiers tiers, any order; a customer is placed in the highest tier whose threshold they
 *     reach
 * @param reconciliationInterval how often the shop's reconciliation saga reads the orders changed
 *     on the platform (SPEC §10), ISO-8601, at least {@link #MIN_RECONCILIATION_INTERVAL}
 * @param pendingPeriod how long points earned on an order stay pending before the order's saga
 *     approves them into the balance (SPEC §13), ISO-8601; {@code PT0S} (the default): no pending
 */
public record ShopSettings(
    Set<CancelOn> cancelOn,
    ClawbackRate clawbackRate,
    RestoreRedeemedPoints restoreRedeemedPoints,
    NegativeBalance negativeBalance,
    RefundedPointsExpiry refundedPointsExpiry,
    boolean storeCreditCancelsPoints,
    List<VipTier> vipTiers,
    String reconciliationInterval,
    String pendingPeriod) {

  public static final Duration DEFAULT_PENDING_PERIOD = Duration.ZERO;
  public static final Duration MAX_PENDING_PERIOD = Duration.ofDays(365);
  public static final Duration DEFAULT_RECONCILIATION_INTERVAL = Duration.ofMinutes(15);
  public static final Duration MIN_RECONCILIATION_INTERVAL = Duration.ofSeconds(5);

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
    reconciliationInterval =
        reconciliationInterval == null
            ? DEFAULT_RECONCILIATION_INTERVAL.toString()
            : reconciliationInterval;
    pendingPeriod = pendingPeriod == null ? DEFAULT_PENDING_PERIOD.toString() : pendingPeriod;
  }

  /** Settings without a pending period. */
  public ShopSettings(
      Set<CancelOn> cancelOn,
      ClawbackRate clawbackRate,
      RestoreRedeemedPoints restoreRedeemedPoints,
      NegativeBalance negativeBalance,
      RefundedPointsExpiry refundedPointsExpiry,
      boolean storeCreditCancelsPoints,
      List<VipTier> vipTiers,
      String reconciliationInterval) {
    this(
        cancelOn,
        clawbackRate,
        restoreRedeemedPoints,
        negativeBalance,
        refundedPointsExpiry,
        storeCreditCancelsPoints,
        vipTiers,
        reconciliationInterval,
        null);
  }

  /** Settings with the default reconciliation interval. */
  public ShopSettings(
      Set<CancelOn> cancelOn,
      ClawbackRate clawbackRate,
      RestoreRedeemedPoints restoreRedeemedPoints,
      NegativeBalance negativeBalance,
      RefundedPointsExpiry refundedPointsExpiry,
      boolean storeCreditCancelsPoints,
      List<VipTier> vipTiers) {
    this(
        cancelOn,
        clawbackRate,
        restoreRedeemedPoints,
        negativeBalance,
        refundedPointsExpiry,
        storeCreditCancelsPoints,
        vipTiers,
        null,
        null);
  }

  public static ShopSettings defaults() {
    return new ShopSettings(null, null, null, null, null, false, null, null, null);
  }

  /**
   * The pending period as a duration; none when the stored text is unreadable or out of range (the
   * API refuses such values, so only a hand-edited row has them).
   */
  public Duration pendingFor() {
    try {
      Duration period = Duration.parse(pendingPeriod);
      return period.isNegative() || period.compareTo(MAX_PENDING_PERIOD) > 0
          ? DEFAULT_PENDING_PERIOD
          : period;
    } catch (RuntimeException unreadable) {
      return DEFAULT_PENDING_PERIOD;
    }
  }

  /**
   * The reconciliation interval as a duration; the default when the stored text is unreadable or
   * below the minimum (the API refuses such values, so only a hand-edited row has them).
   */
  public Duration reconciliationEvery() {
    try {
      Duration every = Duration.parse(reconciliationInterval);
      return every.compareTo(MIN_RECONCILIATION_INTERVAL) < 0
          ? DEFAULT_RECONCILIATION_INTERVAL
          : every;
    } catch (RuntimeException unreadable) {
      return DEFAULT_RECONCILIATION_INTERVAL;
    }
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
    /** A redeemed coupon's points come back when the order it was used on is fully refunded. */
    ON_FULL_REFUND,
    /** Seed 001: never. */
    NEVER,
    /**
     * Each refund gives back the coupon's points in proportion to the order's effective value
     * refunded (floor; the refund that completes the order gives back the rest).
     */
    PROPORTIONAL
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
