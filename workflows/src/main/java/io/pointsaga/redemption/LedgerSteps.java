package io.pointsaga.redemption;

import io.pointsaga.outcome.SagaOutcomeActivities;
import io.temporal.workflow.Workflow;

/**
 * How a redemption saga runs its ledger steps (short database transactions, keyed by the
 * redemption, safe to repeat). Since version 1 of {@link #CHANGE_ID} as local activities: run by
 * the worker that runs the workflow task, their results recorded as markers when the task
 * completes, which spares each step an activity task's dispatch and the workflow task that follows
 * it (issue 12). Runs recorded before (no marker, {@code DEFAULT_VERSION}) replay with activities,
 * as they ran. Timeouts and retries are the same either way ({@link SagaOptions#ledger}).
 */
final class LedgerSteps {
  /** {@link Workflow#getVersion} change id, shared by the redeem and the cancellation saga. */
  static final String CHANGE_ID = "ledger-steps-local";

  private final boolean local;

  private LedgerSteps(boolean local) {
    this.local = local;
  }

  /** Decided once, at the saga's start, before its first step. */
  static LedgerSteps atStart() {
    return new LedgerSteps(Workflow.getVersion(CHANGE_ID, Workflow.DEFAULT_VERSION, 1) >= 1);
  }

  boolean local() {
    return local;
  }

  RedemptionActivities redemptions(String summary) {
    return local
        ? Workflow.newLocalActivityStub(
            RedemptionActivities.class, SagaOptions.localLedger(summary))
        : Workflow.newActivityStub(RedemptionActivities.class, SagaOptions.ledger(summary));
  }

  SagaOutcomeActivities outcomes(String summary) {
    return local
        ? Workflow.newLocalActivityStub(
            SagaOutcomeActivities.class, SagaOptions.localLedger(summary))
        : Workflow.newActivityStub(SagaOutcomeActivities.class, SagaOptions.ledger(summary));
  }
}
