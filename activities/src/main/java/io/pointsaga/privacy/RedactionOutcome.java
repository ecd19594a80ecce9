package io.pointsaga.privacy;

/** How a customer redaction ended. */
public enum RedactionOutcome {
  /** The customer's rows now carry a pseudonym; the old id is held nowhere in the database. */
  REDACTED,
  /** Nothing is held under that id (never seen, or redacted before): nothing changed. */
  NOTHING_HELD
}
