package io.pointsaga.privacy;

/** How a shop erasure ended. */
public enum ErasureOutcome {
  /** Every row of the shop was deleted. */
  ERASED,
  /** The shop is not held (erased before, or never installed): nothing changed. */
  NOTHING_HELD
}
