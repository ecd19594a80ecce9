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
    Optional<Redemption> found = lockUnrefunded(shopId, customerId, couponCode);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Redemption r = found.get();
    String earlier =
        r.pointsRestored() > 0
            ? " (%d of the %d had come back with earlier refunds)"
                .formatted(r.pointsRestored(), r.pointsSpent())
            : "";
    ledger.post(
        new Posting(
            shopId,
            customerId,
            r.pointsNotRestored(),
            EntryKind.COUPON_POINTS_RESTORED,
            "redemption:%s:order-refund".formatted(r.id()),
            "Order %s was fully refunded: the %d points spent on coupon %s (\"%s\") were restored%s (restoreRedeemedPoints ON_FULL_REFUND)."
                .formatted(orderId, r.pointsNotRestored(), r.couponCode(), r.rewardName(), earlier),
            new Posting.References(orderId, null, r.id()),
            expiresAt(r, now, expiry, pointsLifetime),
            BalanceRule.ALLOW_NEGATIVE));
    redemptions.markRefunded(
        r.id(), RedemptionStatus.REFUNDED, "order %s fully refunded".formatted(orderId), now);
    return Optional.of(r);
  }

  /**
   * restoreRedeemedPoints PROPORTIONAL: gives back the part of the coupon's points that the order's
   * refunds so far have earned back and that did not come back before (see {@link
   * CouponPointsShare}); marks the redemption refunded once all of them are back. Returns the
   * points given back now (0 when the code is no redemption of the customer, or it was refunded
   * before).
   */
  public long restoreInProportion(
      long shopId,
      String customerId,
      String couponCode,
      OrderRefundShare share,
      Instant now,
      RefundedPointsExpiry expiry,
      Duration pointsLifetime) {
    Optional<Redemption> found = lockUnrefunded(shopId, customerId, couponCode);
    if (found.isEmpty()) {
      return 0;
    }
    Redemption r = found.get();
    long back =
        CouponPointsShare.pointsBack(
            r.pointsSpent(), share.refunded(), share.spend(), share.refundedInFull());
    long pointsNow = Math.min(back - r.pointsRestored(), r.pointsNotRestored());
    if (pointsNow <= 0) {
      return 0;
    }
    long total = r.pointsRestored() + pointsNow;
    ledger.post(
        new Posting(
            shopId,
            customerId,
            pointsNow,
            EntryKind.COUPON_POINTS_RESTORED,
            RedemptionKeys.orderRefundShare(r.id(), share.orderId(), share.eventKey()),
            "Order %s: %s of its %s effective value refunded so far, so %d of the %d points spent on coupon %s (\"%s\") came back now, %d in all (restoreRedeemedPoints PROPORTIONAL)."
                .formatted(
                    share.orderId(),
                    share.refunded().toPlainString(),
                    share.spend().toPlainString(),
                    pointsNow,
                    r.pointsSpent(),
                    r.couponCode(),
                    r.rewardName(),
                    total),
            new Posting.References(share.orderId(), null, r.id()),
            expiresAt(r, now, expiry, pointsLifetime),
            BalanceRule.ALLOW_NEGATIVE));
    if (total >= r.pointsSpent()) {
      redemptions.markRefunded(
          r.id(),
          RedemptionStatus.REFUNDED,
          "order %s refunded (points restored in proportion)".formatted(share.orderId()),
          now);
    } else {
      redemptions.addPointsRestored(r.id(), pointsNow);
    }
    return pointsNow;
  }

  /**
   * One refund event of an order, for {@link #restoreInProportion}.
   *
   * @param refunded the order's effective value refunded so far, this event included
   * @param spend the order's effective spend
   * @param refundedInFull this event completes the order's refunds
   */
  public record OrderRefundShare(
      String orderId,
      String eventKey,
      java.math.BigDecimal refunded,
      java.math.BigDecimal spend,
      boolean refundedInFull) {}

  /**
   * The customer's redemption of this coupon code, locked, unless it is none of theirs or was
   * refunded. Lock order of every writer of a customer: the customer's row first, then the
   * redemption's. Call inside a transaction.
   */
  private Optional<Redemption> lockUnrefunded(long shopId, String customerId, String couponCode) {
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
    ledger.lockBalance(shopId, customerId);
    return redemptions.lock(redemptionId.get()).filter(r -> r.refundedAt() == null);
  }

  private static Instant expiresAt(
      Redemption r, Instant now, RefundedPointsExpiry expiry, Duration pointsLifetime) {
    return expiry == RefundedPointsExpiry.KEEP_ORIGINAL
        ? r.createdAt().plus(pointsLifetime)
        : now.plus(pointsLifetime);
  }
}
