package io.pointsaga.ledger;

/**
 * A posting was refused because it, or the balance it would leave, is beyond plus or minus {@link
 * LedgerLimits#MAX_BALANCE} points. Nothing was booked. Deterministic: retrying cannot succeed.
 */
public class BalanceLimitException extends RuntimeException {
  /** The failure type under which activities report this refusal to Temporal. */
  public static final String FAILURE_TYPE = "BalanceLimit";

  private final long balance;
  private final long points;

  public BalanceLimitException(String customerId, long balance, long points) {
    super(
        "Refused: moving %d points would take the balance of customer %s (%d points) beyond the limit of plus or minus %d points; nothing was booked."
            .formatted(points, customerId, balance, LedgerLimits.MAX_BALANCE),
        null,
        false,
        false);
    this.balance = balance;
    this.points = points;
  }

  /** The balance before the refused posting. */
  public long balance() {
    return balance;
  }

  /** The points the refused posting would have moved. */
  public long points() {
    return points;
  }
}
