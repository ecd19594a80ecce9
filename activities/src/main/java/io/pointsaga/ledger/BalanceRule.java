package io.pointsaga.ledger;

/** What a posting that would take the balance below zero does. */
public enum BalanceRule {
  /** The posting is booked even if the balance goes negative (clawbacks, SPEC §2 default). */
  ALLOW_NEGATIVE,
  /** The posting is refused with {@link InsufficientPointsException} (spending points). */
  REQUIRE_SUFFICIENT
}
