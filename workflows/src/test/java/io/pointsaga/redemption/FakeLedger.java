package io.pointsaga.redemption;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * An in-memory {@link RedemptionActivities}: keeps redemptions by id and, like the real one, makes
 * {@code refundPoints} idempotent per redemption (a repeat returns the first refund and changes
 * nothing; a redemption refunded by another path answers {@code refundedNow = false}).
 */
final class FakeLedger implements RedemptionActivities {
  final FailureScript loadFailures = new FailureScript();
  final FailureScript refundFailures = new FailureScript();
  final FailureScript flagFailures = new FailureScript();
  final FailureScript reserveFailures = new FailureScript();
  final FailureScript markIssuedFailures = new FailureScript();
  final FailureScript reverseFailures = new FailureScript();
  final FailureScript markFailedFailures = new FailureScript();

  /** When set, a reserve commits its debit before its scripted failure (the answer is lost). */
  volatile boolean reserveCommitsBeforeFailing;

  /** When set, markIssued marks the redemption ISSUED before its scripted failure. */
  volatile boolean markIssuedCommitsBeforeFailing;

  /** Reasons passed to {@link #markFailed}, in order. */
  final List<String> failures = Collections.synchronizedList(new ArrayList<>());

  /** The redeem saga's redemptions as the real ledger would store them: status, points held. */
  final Map<String, RedemptionStatus> statuses = new ConcurrentHashMap<>();

  final Map<String, Long> pointsHeld = new ConcurrentHashMap<>();

  /** Problems passed to {@link #flagForFollowUp}, in order. */
  final List<String> followUps = Collections.synchronizedList(new ArrayList<>());

  /** Problems passed to {@link #keepPlatformFailure}, in order. */
  final List<String> platformFailures = Collections.synchronizedList(new ArrayList<>());

  /** Reasons passed to {@link #reverseReservation}, in order. */
  final List<String> reversals = Collections.synchronizedList(new ArrayList<>());

  /** How many refunds actually gave points back (not counting repeats). */
  final AtomicInteger refundsApplied = new AtomicInteger();

  private final CallLog log;
  private final Supplier<Instant> clock;
  private final Map<String, RedemptionSnapshot> redemptions = new ConcurrentHashMap<>();
  private final Map<String, Instant> refundedByThisKey = new ConcurrentHashMap<>();
  private volatile Reservation reservation;

  FakeLedger(CallLog log, Supplier<Instant> clock) {
    this.log = log;
    this.clock = clock;
  }

  void store(RedemptionSnapshot redemption) {
    redemptions.put(redemption.redemptionId(), redemption);
  }

  RedemptionSnapshot get(String redemptionId) {
    return redemptions.get(redemptionId);
  }

  /** What {@link #reserve} answers. */
  void answerReserve(Reservation answer) {
    reservation = answer;
  }

  /** Another path (e.g. a full refund of the order) refunds the redemption now. */
  void refundByAnotherPath(String redemptionId, Instant at) {
    redemptions.computeIfPresent(redemptionId, (id, r) -> with(r, RedemptionStatus.REFUNDED, at));
  }

  @Override
  public Reservation reserve(ReserveRedemption command) {
    log.add("reserve");
    if (reserveCommitsBeforeFailing) {
      commit(command);
    }
    reserveFailures.apply();
    commit(command);
    return reservation;
  }

  private void commit(ReserveRedemption command) {
    if (reservation.status() == Reservation.Status.RESERVED) {
      statuses.putIfAbsent(command.redemptionId(), RedemptionStatus.PENDING);
      pointsHeld.putIfAbsent(command.redemptionId(), reservation.pointsSpent());
    }
  }

  @Override
  public void markIssued(String redemptionId, String platformDiscountId) {
    log.add("markIssued(" + platformDiscountId + ")");
    if (markIssuedCommitsBeforeFailing) {
      statuses.replace(redemptionId, RedemptionStatus.PENDING, RedemptionStatus.ISSUED);
    }
    markIssuedFailures.apply();
    statuses.replace(redemptionId, RedemptionStatus.PENDING, RedemptionStatus.ISSUED);
  }

  @Override
  public void reverseReservation(String redemptionId, String reason) {
    log.add("reverseReservation");
    reverseFailures.apply();
    reversals.add(reason);
    giveBack(redemptionId);
  }

  @Override
  public void markFailed(ReserveRedemption request, String reason) {
    log.add("markFailed");
    markFailedFailures.apply();
    failures.add(reason);
    giveBack(request.redemptionId());
  }

  private void giveBack(String redemptionId) {
    pointsHeld.computeIfPresent(redemptionId, (id, held) -> 0L);
    statuses.computeIfPresent(
        redemptionId,
        (id, status) ->
            status == RedemptionStatus.PENDING || status == RedemptionStatus.ISSUED
                ? RedemptionStatus.FAILED
                : status);
  }

  @Override
  public RedemptionSnapshot load(String shopDomain, String redemptionId) {
    log.add("load");
    loadFailures.apply();
    return redemptions.get(redemptionId);
  }

  @Override
  public synchronized PointsRefund refundPoints(
      String shopDomain, String redemptionId, RefundReason reason) {
    log.add("refundPoints(" + reason + ")");
    refundFailures.apply();
    RedemptionSnapshot r = redemptions.get(redemptionId);
    Instant earlier = refundedByThisKey.get(redemptionId);
    if (earlier != null) {
      return new PointsRefund(true, r.pointsSpent(), earlier, null);
    }
    if (r.refundedAt() != null) {
      return new PointsRefund(false, 0, r.refundedAt(), null);
    }
    Instant now = clock.get();
    refundedByThisKey.put(redemptionId, now);
    redemptions.put(redemptionId, with(r, RedemptionStatus.REFUNDED, now));
    refundsApplied.incrementAndGet();
    return new PointsRefund(true, r.pointsSpent(), now, 1_000L);
  }

  @Override
  public void flagForFollowUp(String shopDomain, String redemptionId, String problem) {
    log.add("flagForFollowUp");
    flagFailures.apply();
    followUps.add(problem);
    statuses.computeIfPresent(
        redemptionId,
        (id, status) ->
            status == RedemptionStatus.REFUNDED ? status : RedemptionStatus.NEEDS_FOLLOW_UP);
  }

  @Override
  public void keepPlatformFailure(String shopDomain, String redemptionId, String problem) {
    log.add("keepPlatformFailure");
    platformFailures.add(problem);
  }

  private static RedemptionSnapshot with(
      RedemptionSnapshot r, RedemptionStatus status, Instant refundedAt) {
    return new RedemptionSnapshot(
        r.redemptionId(),
        r.customerId(),
        status,
        r.couponCode(),
        r.rewardName(),
        r.pointsSpent(),
        r.rewardExists(),
        refundedAt);
  }
}
