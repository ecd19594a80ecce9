package io.pointsaga.reconciliation;

import java.util.List;

/**
 * @param requested runs asked for and not started yet when the previous run continued as new
 * @param continued false when the saga was just started (at install or start-up): it reconciles at
 *     once, then sleeps; true after continue-as-new: it sleeps first
 */
public record ReconciliationSagaInput(
    String shopDomain, List<String> requested, boolean continued) {
  public ReconciliationSagaInput {
    requested = requested == null ? List.of() : List.copyOf(requested);
  }

  /** A saga starting fresh for the shop. */
  public static ReconciliationSagaInput start(String shopDomain) {
    return new ReconciliationSagaInput(shopDomain, List.of(), false);
  }
}
