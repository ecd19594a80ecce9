package io.pointsaga.redemption;

import io.pointsaga.ledger.BalanceRule;
import io.pointsaga.ledger.EntryKind;
import io.pointsaga.ledger.Ledger;
import io.pointsaga.ledger.Posting;
import io.pointsaga.settings.ShopSettings.RefundedPointsExpiry;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Coupon points restored when the order a redeemed coupon was used on is fully refunded (SPEC §3).
 * Runs inside the order saga's transaction; the redemption's row lock and its refunded date make it
 * exclusive with a cancellation of the same redemption. Like every writer of a customer it locks
 * the customer's row before the redemption's.
 */
@Component
public class RedemptionRefunds {
  private final JdbcClient jdbc;
  private final Ledger ledger;
  private final Redemptions redemptions;

  public RedemptionRefunds(JdbcClient jdbc, Ledger ledger, Redemptions redemptions) {
    this.jdbc = jdbc;
    this.ledger = ledger;
    this.redemptions = redemptions;
  }

  /**
   * The redemption whose points came back, or empty if the code is no redemption or was refunded.
   */
  public Optional<Redemption> restoreForFullyRefundedOrder(
      long shopId,
      String customerId,
      String couponCode,
      String orderId,
      Instant now,
      RefundedPointsExpiry expiry,
      Duration pointsLifetime) {
    Optional<String> redemptionId =
        jdbc.sql("select * from redemption where shop_id = ? and upper(coupon_code) = upper(?)")
            .params(shopId, couponCode)
            .query(Redemptions.REDEMPTION)
            .optional()
            .filter(r -> r.customerId().equals(customerId))
            .map(Redemption::id);
    if (redemptionId.isEmpty()) {
      return Optional.empty();
    }
    // Lock order of every writer of a customer: the customer's row first, then the redemption's.
    ledger.lockBalance(shopId, customerId);
    Optional<Redemption> found =
        redemptions.lock(redemptionId.get()).filter(r -> r.refundedAt() == null);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Redemption r = found.get();
    Instant expiresAt =
        expiry == RefundedPointsExpiry.KEEP_ORIGINAL
            ? r.createdAt().plus(pointsLifetime)
            : now.plus(pointsLifetime);
    ledger.post(
        new Posting(
            shopId,
            customerId,
            r.pointsSpent(),
            EntryKind.COUPON_POINTS_RESTORED,
            "redemption:%s:order-refund".formatted(r.id()),
            "Order %s was fully refunded: the %d points spent on coupon %s (\"%s\") were restored (restoreRedeemedPoints ON_FULL_REFUND)."
                .formatted(orderId, r.pointsSpent(), r.couponCode(), r.rewardName()),
            new Posting.References(orderId, null, r.id()),
            expiresAt,
            BalanceRule.ALLOW_NEGATIVE));
    redemptions.markRefunded(
        r.id(), RedemptionStatus.REFUNDED, "order %s fully refunded".formatted(orderId), now);
    return Optional.of(r);
  }
}
