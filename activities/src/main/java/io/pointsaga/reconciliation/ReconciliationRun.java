package io.pointsaga.reconciliation;

import java.time.Instant;

/** One run as the API lists it (SPEC §10). {@code finishedAt} is null while it runs. */
public record ReconciliationRun(
    String reconciliationId,
    Instant startedAt,
    Instant finishedAt,
    ReconciliationStatus status,
    int ordersChecked,
    int eventsRecovered) {}
