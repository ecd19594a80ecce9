package io.pointsaga.redemption;

import io.pointsaga.ledger.Activity;
import io.pointsaga.ledger.BalanceRule;
import io.pointsaga.ledger.EntryKind;
import io.pointsaga.ledger.InsufficientPointsException;
import io.pointsaga.ledger.Ledger;
import io.pointsaga.ledger.LedgerEntry;
import io.pointsaga.ledger.Note;
import io.pointsaga.ledger.Posting;
import io.pointsaga.ledger.PostingResult;
import io.pointsaga.reward.Reward;
import io.pointsaga.reward.Rewards;
import io.pointsaga.shop.Shop;
import io.pointsaga.shop.Shops;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

@Component("redemptionActivities")
public class RedemptionActivitiesImpl implements RedemptionActivities {
  public static final String REDEMPTION_NOT_FOUND = "RedemptionNotFound";

  private final Shops shops;
  private final Rewards rewards;
  private final Redemptions redemptions;
  private final Ledger ledger;
  private final Activity activity;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final PointsLifetime lifetime;

  public RedemptionActivitiesImpl(
      Shops shops,
      Rewards rewards,
      Redemptions redemptions,
      Ledger ledger,
      Activity activity,
      TransactionTemplate tx,
      Clock clock,
      @Value("${pointsaga.ledger.points-lifetime:P365D}") java.time.Duration pointsLifetime) {
    this.shops = shops;
    this.rewards = rewards;
    this.redemptions = redemptions;
    this.ledger = ledger;
    this.activity = activity;
    this.tx = tx;
    this.clock = clock;
    this.lifetime = new PointsLifetime(pointsLifetime);
  }

  @Override
  public Reservation reserve(ReserveRedemption command) {
    Shop shop = shop(command.shopDomain());
    Optional<Redemption> earlier = redemptions.find(command.redemptionId());
    if (earlier.isPresent()) {
      return reserved(earlier.get());
    }
    Optional<Reward> reward = rewards.find(shop.id(), command.rewardId()).filter(Reward::exists);
    if (reward.isEmpty()) {
      return Reservation.refused(Reservation.Status.REWARD_NOT_FOUND, command.redemptionId(), 0, 0);
    }
    try {
      return tx.execute(status -> reserveInTransaction(shop, reward.get(), command));
    } catch (InsufficientPointsException e) {
      return Reservation.refused(
          Reservation.Status.INSUFFICIENT_POINTS,
          command.redemptionId(),
          e.pointsRequired(),
          e.balance());
    } catch (org.springframework.dao.DuplicateKeyException e) {
      // A concurrent attempt for the same redemption won the race: return what it recorded.
      return reserved(redemptions.find(command.redemptionId()).orElseThrow(() -> e));
    }
  }

  private Reservation reserveInTransaction(Shop shop, Reward reward, ReserveRedemption command) {
    ledger.ensureCustomer(shop.id(), command.customerId());
    Redemption pending =
        new Redemption(
            command.redemptionId(),
            shop.id(),
            command.customerId(),
            reward.id(),
            reward.name(),
            reward.discountAmount(),
            reward.pointsCost(),
            CouponCodes.next(),
            null,
            RedemptionStatus.PENDING,
            null,
            clock.instant(),
            null,
            null);
    redemptions.insertPending(pending);
    PostingResult debit =
        ledger.post(
            new Posting(
                shop.id(),
                command.customerId(),
                -reward.pointsCost(),
                EntryKind.REDEEM,
                RedemptionKeys.debit(command.redemptionId()),
                "Redeemed %d points for reward \"%s\" (coupon %s)."
                    .formatted(reward.pointsCost(), reward.name(), pending.couponCode()),
                Posting.References.redemption(command.redemptionId()),
                null,
                BalanceRule.REQUIRE_SUFFICIENT));
    return new Reservation(
        Reservation.Status.RESERVED,
        pending.id(),
        pending.couponCode(),
        pending.rewardName(),
        pending.discountAmount(),
        pending.pointsSpent(),
        debit.entry().balanceAfter());
  }

  private Reservation reserved(Redemption r) {
    long balance =
        ledger
            .findByKey(r.shopId(), RedemptionKeys.debit(r.id()))
            .map(LedgerEntry::balanceAfter)
            .orElse(0L);
    return new Reservation(
        Reservation.Status.RESERVED,
        r.id(),
        r.couponCode(),
        r.rewardName(),
        r.discountAmount(),
        r.pointsSpent(),
        balance);
  }

  @Override
  public void markIssued(String redemptionId, String platformDiscountId) {
    redemptions.markIssued(redemptionId, platformDiscountId, clock.instant());
  }

  @Override
  public void reverseReservation(String redemptionId, String reason) {
    tx.executeWithoutResult(
        status -> {
          Optional<Redemption> found = redemptions.lock(redemptionId);
          if (found.isEmpty()) {
            return; // reserve never ran: nothing to give back
          }
          Redemption r = found.get();
          if (ledger.findByKey(r.shopId(), RedemptionKeys.debit(r.id())).isEmpty()) {
            return;
          }
          Instant now = clock.instant();
          ledger.post(
              new Posting(
                  r.shopId(),
                  r.customerId(),
                  r.pointsSpent(),
                  EntryKind.REDEMPTION_REVERSAL,
                  RedemptionKeys.debitReversal(r.id()),
                  "Redemption of \"%s\" failed: the coupon could not be created (%s). %d points returned."
                      .formatted(r.rewardName(), reason, r.pointsSpent()),
                  Posting.References.redemption(r.id()),
                  lifetime.expiryFrom(now),
                  BalanceRule.ALLOW_NEGATIVE));
          if (r.status() == RedemptionStatus.PENDING) {
            redemptions.markRefunded(r.id(), RedemptionStatus.FAILED, reason, now);
          } else {
            // e.g. flagged for follow-up: keep that status, but record that the points are back
            redemptions.markPointsReturned(r.id(), now);
          }
        });
  }

  @Override
  public RedemptionSnapshot load(String shopDomain, String redemptionId) {
    Shop shop = shop(shopDomain);
    Redemption r =
        redemptions
            .find(shop.id(), redemptionId)
            .orElseThrow(
                () ->
                    ApplicationFailure.newNonRetryableFailure(
                        "Redemption %s does not exist in shop %s"
                            .formatted(redemptionId, shopDomain),
                        REDEMPTION_NOT_FOUND));
    boolean rewardExists = rewards.find(shop.id(), r.rewardId()).map(Reward::exists).orElse(false);
    return new RedemptionSnapshot(
        r.id(),
        r.customerId(),
        r.status(),
        r.couponCode(),
        r.rewardName(),
        r.pointsSpent(),
        rewardExists,
        r.refundedAt());
  }

  @Override
  public PointsRefund refundPoints(String shopDomain, String redemptionId, RefundReason reason) {
    Shop shop = shop(shopDomain);
    return tx.execute(
        status -> {
          Redemption r =
              redemptions
                  .lock(redemptionId)
                  .filter(found -> found.shopId() == shop.id())
                  .orElseThrow(
                      () ->
                          ApplicationFailure.newNonRetryableFailure(
                              "Redemption %s does not exist in shop %s"
                                  .formatted(redemptionId, shopDomain),
                              REDEMPTION_NOT_FOUND));
          Optional<LedgerEntry> repeat = ledger.findByKey(shop.id(), RedemptionKeys.refund(r.id()));
          if (repeat.isPresent()) {
            // A retry of this same refund (its first attempt committed but its answer was lost).
            return new PointsRefund(
                true, r.pointsSpent(), r.refundedAt(), repeat.get().balanceAfter());
          }
          if (r.refundedAt() != null) {
            return new PointsRefund(false, 0, r.refundedAt(), null);
          }
          Instant now = clock.instant();
          PostingResult credit =
              ledger.post(
                  new Posting(
                      shop.id(),
                      r.customerId(),
                      r.pointsSpent(),
                      EntryKind.REDEMPTION_REFUND,
                      RedemptionKeys.refund(r.id()),
                      RefundNotes.ledgerNote(r, reason),
                      Posting.References.redemption(r.id()),
                      lifetime.expiryFrom(now),
                      BalanceRule.ALLOW_NEGATIVE));
          Instant refundedAt = credit.applied() ? now : credit.entry().createdAt();
          redemptions.markRefunded(r.id(), RedemptionStatus.REFUNDED, reason.name(), refundedAt);
          if (reason != RefundReason.CANCELLED) {
            activity.add(
                new Note(
                    shop.id(),
                    r.customerId(),
                    "REWARD_KEPT",
                    r.id(),
                    null,
                    RefundNotes.couponKeptNote(r, reason),
                    RedemptionKeys.refund(r.id()) + ":coupon-kept"));
          }
          return new PointsRefund(
              credit.applied(), r.pointsSpent(), refundedAt, credit.entry().balanceAfter());
        });
  }

  @Override
  public void flagForFollowUp(String shopDomain, String redemptionId, String problem) {
    Shop shop = shop(shopDomain);
    tx.executeWithoutResult(
        status -> {
          Optional<Redemption> found = redemptions.lock(redemptionId);
          if (found.isEmpty() || found.get().status() == RedemptionStatus.REFUNDED) {
            return;
          }
          Redemption r = found.get();
          redemptions.flag(r.id(), problem);
          activity.add(
              new Note(
                  shop.id(),
                  r.customerId(),
                  "FOLLOW_UP_REQUIRED",
                  r.id(),
                  null,
                  "Redemption %s needs follow-up: %s".formatted(r.id(), problem),
                  "redemption:%s:follow-up".formatted(r.id())));
        });
  }

  private Shop shop(String shopDomain) {
    return shops
        .findByDomain(shopDomain)
        .orElseThrow(
            () ->
                ApplicationFailure.newNonRetryableFailure(
                    "Shop %s is not known to this service".formatted(shopDomain), "UnknownShop"));
  }
}
