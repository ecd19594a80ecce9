package io.pointsaga.reconciliation;

import java.util.List;

/**
 * The saga's state, for the Temporal UI and operators (query {@code state}).
 *
 * @param phase SLEEPING, RUNNING, or ENDED (the shop was uninstalled)
 * @param reconciliationId the run going on, or the last one
 * @param lastStatus the last finished run's status; null before the first
 * @param nextRunAtMillis when the timer fires (epoch millis); 0 while running
 * @param requested manual runs waiting
 */
public record ReconciliationState(
    String shopDomain,
    String phase,
    String reconciliationId,
    ReconciliationStatus lastStatus,
    int ordersChecked,
    int eventsRecovered,
    long nextRunAtMillis,
    List<String> requested) {}
