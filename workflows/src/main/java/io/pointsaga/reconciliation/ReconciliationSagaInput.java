package io.pointsaga.reconciliation;

import java.util.List;

/**
 * @param requested runs asked for and not started yet when the previous run continued as new
 * @param runAtOnce reconcile before the first sleep: at start-up (what happened while the service
 *     was down is read at once); not at install (nothing happened before) nor after continue-as-new
 */
public record ReconciliationSagaInput(
    String shopDomain, List<String> requested, boolean runAtOnce) {
  public ReconciliationSagaInput {
    requested = requested == null ? List.of() : List.copyOf(requested);
  }

  /** The saga of a shop just installed: it sleeps first. */
  public static ReconciliationSagaInput atInstall(String shopDomain) {
    return new ReconciliationSagaInput(shopDomain, List.of(), false);
  }

  /** The saga started at start-up (or asked for while not running): it reconciles at once. */
  public static ReconciliationSagaInput atStartUp(String shopDomain) {
    return new ReconciliationSagaInput(shopDomain, List.of(), true);
  }
}
