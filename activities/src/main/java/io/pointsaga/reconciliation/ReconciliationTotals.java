package io.pointsaga.reconciliation;

import java.time.Instant;

/**
 * What a run read so far.
 *
 * @param latestChange the latest order change read; null when none was
 */
public record ReconciliationTotals(int ordersChecked, int eventsRecovered, Instant latestChange) {

  public static ReconciliationTotals none() {
    return new ReconciliationTotals(0, 0, null);
  }

  public ReconciliationTotals plus(ReconciliationPage page) {
    Instant latest = latestChange;
    if (page.latestChange() != null && (latest == null || page.latestChange().isAfter(latest))) {
      latest = page.latestChange();
    }
    return new ReconciliationTotals(
        ordersChecked + page.ordersChecked(), eventsRecovered + page.eventsRecovered(), latest);
  }
}
