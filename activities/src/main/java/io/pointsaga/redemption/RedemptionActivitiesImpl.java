package io.pointsaga.redemption;

import io.pointsaga.attention.AttentionItems;
import io.pointsaga.attention.AttentionKind;
import io.pointsaga.attention.NewAttentionItem;
import io.pointsaga.ledger.Activity;
import io.pointsaga.ledger.BalanceLimitException;
import io.pointsaga.ledger.BalanceRule;
import io.pointsaga.ledger.CustomerErasedException;
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
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ledger side of the redemption sagas.
 *
 * <p>Lock order: every method that writes takes the customer's row lock first ({@link
 * Ledger#lockBalance}), then the redemption's, then writes. The redemption row's foreign key takes
 * a share lock on the customer row, so writing it before the customer's row lock would let two
 * writers of one customer each hold a share lock and wait for the other's to upgrade it (the
 * deadlock of 20 simultaneous redemptions).
 */
@Component("redemptionActivities")
public class RedemptionActivitiesImpl implements RedemptionActivities {
  private static final Logger log = LoggerFactory.getLogger(RedemptionActivitiesImpl.class);

  public static final String REDEMPTION_NOT_FOUND = "RedemptionNotFound";

  private final Shops shops;
  private final Rewards rewards;
  private final Redemptions redemptions;
  private final Ledger ledger;
  private final Activity activity;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final PointsLifetime lifetime;
  private final AttentionItems attention;

  public RedemptionActivitiesImpl(
      Shops shops,
      Rewards rewards,
      Redemptions redemptions,
      Ledger ledger,
      Activity activity,
      TransactionTemplate tx,
      Clock clock,
      @Value("${pointsaga.ledger.points-lifetime:P365D}") java.time.Duration pointsLifetime,
      AttentionItems attention) {
    this.shops = shops;
    this.rewards = rewards;
    this.redemptions = redemptions;
    this.ledger = ledger;
    this.activity = activity;
    this.tx = tx;
    this.clock = clock;
    this.lifetime = new PointsLifetime(pointsLifetime);
    this.attention = attention;
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
      return withinLimits(
          () -> tx.execute(status -> reserveInTransaction(shop, reward.get(), command)));
    } catch (InsufficientPointsException e) {
      return Reservation.refused(
          Reservation.Status.INSUFFICIENT_POINTS,
          command.redemptionId(),
          e.pointsRequired(),
          e.balance());
    } catch (CustomerErasedException e) {
      return Reservation.refused(Reservation.Status.CUSTOMER_ERASED, command.redemptionId(), 0, 0);
    } catch (org.springframework.dao.DuplicateKeyException e) {
      // A concurrent attempt for the same redemption won the race: return what it recorded.
      return reserved(redemptions.find(command.redemptionId()).orElseThrow(() -> e));
    }
  }

  private Reservation reserveInTransaction(Shop shop, Reward reward, ReserveRedemption command) {
    // Customer first: the redemption row's foreign key would otherwise take a share lock that the
    // debit then has to upgrade, and concurrent redemptions of one customer deadlock.
    ledger.lockBalance(shop.id(), command.customerId());
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
    Optional<Redemption> issued =
        tx.execute(
            status ->
                lockCustomerThenRedemption(redemptionId)
                    .filter(
                        r -> redemptions.markIssued(r.id(), platformDiscountId, clock.instant())));
    // once per saga outcome (SPEC §12), after the commit: a retried step issues nothing again
    issued.ifPresent(
        r ->
            log.info(
                "saga REDEEM_REWARD ended: shop={} redemption={} customer={} outcome=ISSUED"
                    + " coupon={} points={}",
                shops.findById(r.shopId()).map(Shop::domain).orElse("?"),
                r.id(),
                r.customerId(),
                r.couponCode(),
                r.pointsSpent()));
  }

  @Override
  public void reverseReservation(String redemptionId, String reason) {
    withinLimits(
        () ->
            tx.execute(
                status -> {
                  // reserve never ran (or never committed): nothing to give back
                  lockCustomerThenRedemption(redemptionId)
                      .ifPresent(r -> giveDebitBack(r, reason, clock.instant()));
                  return null;
                }));
  }

  @Override
  public void markFailed(ReserveRedemption request, String reason) {
    Shop shop = shop(request.shopDomain());
    withinLimits(
        () ->
            tx.execute(
                status -> {
                  Optional<Redemption> found = lockForFailure(shop, request);
                  if (found.isEmpty() && ledger.isErased(shop.id(), request.customerId())) {
                    // nothing was written under the erased id, and no note may name it now
                    log.info(
                        "saga REDEEM_REWARD ended: shop={} redemption={} outcome=FAILED (customer"
                            + " erased; no points were spent)",
                        shop.domain(),
                        request.redemptionId());
                    return null;
                  }
                  String customerId =
                      found.map(Redemption::customerId).orElse(request.customerId());
                  boolean pointsBack =
                      found.map(r -> giveDebitBack(r, reason, clock.instant())).orElse(false);
                  String points =
                      pointsBack
                          ? "the %d points spent were given back"
                              .formatted(found.get().pointsSpent())
                          : "no points were spent";
                  boolean first =
                      activity.add(
                          new Note(
                              shop.id(),
                              customerId,
                              "REDEMPTION_FAILED",
                              request.redemptionId(),
                              null,
                              "Redemption %s failed: %s; %s."
                                  .formatted(request.redemptionId(), reason, points),
                              RedemptionKeys.failed(request.redemptionId())));
                  if (first) {
                    log.info(
                        "saga REDEEM_REWARD ended: shop={} redemption={} customer={}"
                            + " outcome=FAILED ({})",
                        shop.domain(),
                        request.redemptionId(),
                        customerId,
                        points);
                  }
                  return null;
                }));
  }

  /**
   * Gives a reservation's debit back once, unless the points came back already by another path, and
   * ends a redemption that was still in progress as FAILED. A redemption flagged for follow-up
   * keeps that status, with the date the points came back. Answers whether points are back.
   */
  private boolean giveDebitBack(Redemption r, String reason, Instant now) {
    if (r.refundedAt() != null) {
      return true; // an earlier reversal, cancellation or order refund gave them back
    }
    if (ledger.findByKey(r.shopId(), RedemptionKeys.debit(r.id())).isEmpty()) {
      redemptions.markFailed(r.id(), reason);
      return false;
    }
    ledger.post(
        new Posting(
            r.shopId(),
            r.customerId(),
            r.pointsSpent(),
            EntryKind.REDEMPTION_REVERSAL,
            RedemptionKeys.debitReversal(r.id()),
            "Redemption of \"%s\" failed: the coupon could not be created or issued (%s). %d points returned."
                .formatted(r.rewardName(), reason, r.pointsSpent()),
            Posting.References.redemption(r.id()),
            lifetime.expiryFrom(now),
            BalanceRule.ALLOW_NEGATIVE));
    if (r.status() == RedemptionStatus.PENDING || r.status() == RedemptionStatus.ISSUED) {
      // ISSUED: markIssued committed but its answer was lost, and the saga revoked the coupon
      redemptions.markRefunded(r.id(), RedemptionStatus.FAILED, reason, now);
    } else {
      // e.g. flagged for follow-up: keep that status, but record that the points are back
      redemptions.markPointsReturned(r.id(), now);
    }
    return true;
  }

  /**
   * For {@code markFailed}: the customer's row, then the redemption if reserve wrote one (a reserve
   * still in flight commits before the customer's lock is granted). When a privacy redaction erased
   * the customer meanwhile, whatever reserve wrote was moved to the pseudonym: the row is followed
   * there.
   */
  private Optional<Redemption> lockForFailure(Shop shop, ReserveRedemption request) {
    if (ledger.isErased(shop.id(), request.customerId())) {
      return lockCustomerThenRedemption(request.redemptionId())
          .filter(r -> r.shopId() == shop.id());
    }
    // A redaction committing just now makes this throw: the transaction rolls back (the customer
    // row lockBalance may have inserted with it), and the retry takes the branch above.
    ledger.lockBalance(shop.id(), request.customerId());
    return redemptions.lock(request.redemptionId()).filter(r -> r.shopId() == shop.id());
  }

  /**
   * The redemption locked for a status change, after its customer's row (the lock order of every
   * writer of a customer). Empty when it does not exist. Call inside a transaction.
   */
  private Optional<Redemption> lockCustomerThenRedemption(String redemptionId) {
    Optional<Redemption> unlocked = redemptions.find(redemptionId);
    if (unlocked.isEmpty()) {
      return Optional.empty();
    }
    // the shop and customer of a redemption never change, so they can be read before locking
    ledger.lockBalance(unlocked.get().shopId(), unlocked.get().customerId());
    return redemptions.lock(redemptionId);
  }

  /**
   * Runs a write; a posting refused by the ledger's limits ends the step at once with a short
   * business message (retrying cannot help).
   */
  private static <T> T withinLimits(Supplier<T> write) {
    try {
      return write.get();
    } catch (BalanceLimitException e) {
      throw ApplicationFailure.newNonRetryableFailure(
          e.getMessage(), BalanceLimitException.FAILURE_TYPE);
    }
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
    return withinLimits(
        () ->
            tx.execute(
                status -> {
                  Redemption r =
                      lockCustomerThenRedemption(redemptionId)
                          .filter(found -> found.shopId() == shop.id())
                          .orElseThrow(
                              () ->
                                  ApplicationFailure.newNonRetryableFailure(
                                      "Redemption %s does not exist in shop %s"
                                          .formatted(redemptionId, shopDomain),
                                      REDEMPTION_NOT_FOUND));
                  Optional<LedgerEntry> repeat =
                      ledger.findByKey(shop.id(), RedemptionKeys.refund(r.id()));
                  if (repeat.isPresent()) {
                    // A retry of this same refund (its first attempt committed but its answer was
                    // lost).
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
                              r.pointsNotRestored(), // never more than spent (PROPORTIONAL)
                              EntryKind.REDEMPTION_REFUND,
                              RedemptionKeys.refund(r.id()),
                              RefundNotes.ledgerNote(r, reason),
                              Posting.References.redemption(r.id()),
                              lifetime.expiryFrom(now),
                              BalanceRule.ALLOW_NEGATIVE));
                  Instant refundedAt = credit.applied() ? now : credit.entry().createdAt();
                  redemptions.markRefunded(
                      r.id(), RedemptionStatus.REFUNDED, reason.name(), refundedAt);
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
                      credit.applied(),
                      credit.entry().points(),
                      refundedAt,
                      credit.entry().balanceAfter());
                }));
  }

  @Override
  public void flagForFollowUp(String shopDomain, String redemptionId, String problem) {
    Shop shop = shop(shopDomain);
    tx.executeWithoutResult(
        status -> {
          Optional<Redemption> found = lockCustomerThenRedemption(redemptionId);
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
          keepForAPerson(
              shop,
              r,
              AttentionKind.REDEMPTION_NEEDS_FOLLOW_UP,
              "A saga step failed for good half-way, so the redemption needs follow-up: "
                  + problem);
        });
  }

  @Override
  public void keepPlatformFailure(String shopDomain, String redemptionId, String problem) {
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
    keepForAPerson(
        shop,
        r,
        AttentionKind.REDEMPTION_PLATFORM_FAILED,
        "The cancellation could not finish on the platform, so nothing changed: "
            + problem
            + " Retry once the platform works again.");
  }

  /** Opens the redemption's attention item (once; again after a retry that failed again). */
  private void keepForAPerson(Shop shop, Redemption r, AttentionKind kind, String problem) {
    attention.open(
        shop.id(),
        new NewAttentionItem(
            kind,
            NewAttentionItem.redemptionKey(r.id(), kind),
            "redemption " + r.id(),
            problem,
            currentWorkflowId(),
            null,
            null,
            null,
            r.id()));
  }

  /** The saga this activity runs for; null when called outside Temporal (tests). */
  private static String currentWorkflowId() {
    try {
      return io.temporal.activity.Activity.getExecutionContext().getInfo().getWorkflowId();
    } catch (IllegalStateException | NullPointerException outsideTemporal) {
      return null;
    }
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
