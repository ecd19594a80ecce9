package io.pointsaga.reconciliation;

import java.time.Duration;

/**
 * What the shop's reconciliation saga needs before it sleeps.
 *
 * @param shopInstalled false once the shop is uninstalled (or unknown): the saga ends
 * @param every the shop's {@code reconciliationInterval}
 */
public record ReconciliationSchedule(boolean shopInstalled, Duration every) {}
