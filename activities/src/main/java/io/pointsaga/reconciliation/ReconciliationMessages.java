package io.pointsaga.reconciliation;

/** What reconciliation writes for people: the shop's activity and the attention queue. */
final class ReconciliationMessages {

  private ReconciliationMessages() {}

  static String recovered(String reconciliationId, ReconciliationTotals totals) {
    return "Reconciliation %s checked %d order(s) on the platform and recovered %d event(s) the webhooks had not delivered."
        .formatted(reconciliationId, totals.ordersChecked(), totals.eventsRecovered());
  }

  static String subject(String reconciliationId) {
    return "reconciliation " + reconciliationId;
  }

  static String failed(String problem) {
    return "The reconciliation could not read the platform's orders to the end; its cursor did not"
        + " move, so the next run reads the same orders again. Last error: "
        + problem;
  }
}
