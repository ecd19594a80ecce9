package io.pointsaga.ledger;

/**
 * The ranges points live in (SPEC §8), in one place: the ledger refuses postings beyond them, the
 * database checks them again (migration V3), and the web layer checks requests against them.
 */
public final class LedgerLimits {
  /** No balance, and no single entry, goes beyond plus or minus this many points (10^15). */
  public static final long MAX_BALANCE = 1_000_000_000_000_000L;

  /** The most points one request from outside (an adjustment) may move, either way. */
  public static final long MAX_POINTS_PER_REQUEST = 1_000_000_000L;

  private LedgerLimits() {}

  /**
   * Whether a balance, or the points of one entry, is within plus or minus {@link #MAX_BALANCE}.
   */
  public static boolean withinBalanceRange(long points) {
    return points >= -MAX_BALANCE && points <= MAX_BALANCE;
  }

  /**
   * Whether a request may move this many points (plus or minus {@link #MAX_POINTS_PER_REQUEST}).
   */
  public static boolean withinRequestRange(long points) {
    return points >= -MAX_POINTS_PER_REQUEST && points <= MAX_POINTS_PER_REQUEST;
  }
}
