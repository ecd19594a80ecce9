package io.pointsaga.ledger;

/**
 * A write under a customer id that a privacy redaction erased: refused, nothing written, so a saga
 * step that was in flight during the redaction cannot bring the old id back. Deterministic:
 * retrying cannot succeed. The message does not repeat the erased id.
 */
public class CustomerErasedException extends RuntimeException {
  public CustomerErasedException() {
    super(
        "Refused: this customer's personal data was erased by a privacy request, so nothing is"
            + " written under their former platform id any more.",
        null,
        false,
        false);
  }
}
