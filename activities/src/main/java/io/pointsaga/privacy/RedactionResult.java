package io.pointsaga.privacy;

/**
 * @param pseudonym the id the customer's rows carry now; null when {@link
 *     RedactionOutcome#NOTHING_HELD}
 * @param entriesMoved ledger entries moved to the pseudonym, points and balances unchanged
 */
public record RedactionResult(
    RedactionOutcome outcome, String pseudonym, long pointsBalance, int entriesMoved) {

  static RedactionResult nothingHeld() {
    return new RedactionResult(RedactionOutcome.NOTHING_HELD, null, 0, 0);
  }
}
