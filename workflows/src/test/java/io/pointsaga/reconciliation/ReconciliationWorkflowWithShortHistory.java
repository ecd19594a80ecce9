package io.pointsaga.reconciliation;

/**
 * The reconciliation saga with a history limit of {@value #LIMIT} events: continue-as-new comes
 * after a couple of runs. Public for the replay tests.
 */
public class ReconciliationWorkflowWithShortHistory extends ReconciliationWorkflowImpl {
  public static final int LIMIT = 30;

  @Override
  int historyLimit() {
    return LIMIT;
  }
}
