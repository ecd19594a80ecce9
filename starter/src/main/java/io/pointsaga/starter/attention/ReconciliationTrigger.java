package io.pointsaga.starter.attention;

import io.pointsaga.shop.Shop;

/**
 * Starts a reconciliation run of one shop now (SPEC §10): how the attention queue retries a failed
 * reconciliation (and an order event it cannot hand over again from the inbox). The reconciliation
 * saga's starter side provides the one bean; without it those retries answer 409.
 */
public interface ReconciliationTrigger {

  /** Starts a run (or joins the one running). */
  Started runNow(Shop shop);

  /**
   * @param reconciliationId as {@code GET /api/v1/shops/{shop}/reconciliations} lists it
   * @param workflowId the saga that runs it, {@code reconcile/{shop}}
   */
  record Started(String reconciliationId, String workflowId) {}
}
