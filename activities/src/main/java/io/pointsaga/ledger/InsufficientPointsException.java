package io.pointsaga.ledger;

/**
 * A posting with {@link BalanceRule#REQUIRE_SUFFICIENT} would have taken the balance below zero.
 */
public class InsufficientPointsException extends RuntimeException {
  private final long balance;
  private final long pointsRequired;

  public InsufficientPointsException(String customerId, long balance, long pointsRequired) {
    super(
        "Customer %s has %d points; %d are needed".formatted(customerId, balance, pointsRequired));
    this.balance = balance;
    this.pointsRequired = pointsRequired;
  }

  public long balance() {
    return balance;
  }

  public long pointsRequired() {
    return pointsRequired;
  }
}
