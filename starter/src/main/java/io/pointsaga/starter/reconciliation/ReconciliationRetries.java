package io.pointsaga.starter.reconciliation;

import io.pointsaga.shop.Shop;
import io.pointsaga.starter.attention.ReconciliationTrigger;
import io.pointsaga.temporal.WorkflowIds;
import org.springframework.stereotype.Component;

/** How the attention queue retries a failed reconciliation: one run of the shop's saga now. */
@Component
class ReconciliationRetries implements ReconciliationTrigger {
  private final ReconciliationSagas sagas;

  ReconciliationRetries(ReconciliationSagas sagas) {
    this.sagas = sagas;
  }

  @Override
  public Started runNow(Shop shop) {
    return new Started(sagas.runNow(shop.domain()), WorkflowIds.reconcile(shop.domain()));
  }
}
