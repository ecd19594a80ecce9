package io.pointsaga.reconciliation;

/** A run's state, as the API answers it (SPEC §10). */
public enum ReconciliationStatus {
  RUNNING,
  COMPLETED,
  FAILED
}
