package io.pointsaga.local;

import io.pointsaga.reconciliation.ReconciliationRuns;
import io.pointsaga.starter.reconciliation.ReconciliationSagas;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A restarted embedded mode asks every installed shop's reconciliation saga for one run now (it
 * starts the saga when the in-memory server lost it), so webhooks the platform sent while it was
 * down are found; each run is listed by {@code GET .../reconciliations}. A shop whose request fails
 * is reconciled at its saga's next wake.
 */
@Component
class ReconciliationPassesAtStart implements ReconciliationAtStart {
  private static final Logger log = LoggerFactory.getLogger(ReconciliationPassesAtStart.class);

  private final ReconciliationRuns runs;
  private final ReconciliationSagas sagas;

  ReconciliationPassesAtStart(ReconciliationRuns runs, ReconciliationSagas sagas) {
    this.runs = runs;
    this.sagas = sagas;
  }

  @Override
  public int startOnePassPerShop() {
    List<String> shops = runs.activeShopDomains();
    int started = 0;
    for (String shop : shops) {
      try {
        sagas.runNow(shop);
        started++;
      } catch (RuntimeException e) {
        log.warn(
            "reconciliation pass of shop {} not started at start-up: {}", shop, e.getMessage());
      }
    }
    return started;
  }
}
