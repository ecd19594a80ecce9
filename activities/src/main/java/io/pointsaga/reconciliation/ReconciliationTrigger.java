package io.pointsaga.reconciliation;

/** Why a reconciliation run ran: its saga's timer, or someone asked through the API. */
public enum ReconciliationTrigger {
  SCHEDULED,
  MANUAL
}
