package io.pointsaga.reconciliation;

import java.time.Instant;

/**
 * What one page of the platform's changed orders gave.
 *
 * @param eventsRecovered events neither a webhook nor an earlier run had handed to the order sagas
 * @param latestChange the latest order change on the page; null for an empty page
 * @param nextPage null on the last page
 */
public record ReconciliationPage(
    int ordersChecked, int eventsRecovered, Instant latestChange, String nextPage) {}
