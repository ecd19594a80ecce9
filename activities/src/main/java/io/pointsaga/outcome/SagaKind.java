package io.pointsaga.outcome;

/** Which saga ended; the name is stored ({@code saga_outcome.saga}). */
public enum SagaKind {
  CANCEL_REDEMPTION
}
