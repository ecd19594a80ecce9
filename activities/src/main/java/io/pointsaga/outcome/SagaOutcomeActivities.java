package io.pointsaga.outcome;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The last step of a saga: its outcome is written once per run, then counted ({@code
 * pointsaga_cancellations_total{outcome}}) and logged (one INFO line naming shop, ids and outcome).
 * Safe to repeat: a retry of the same run finds the row and does neither again.
 */
@ActivityInterface
public interface SagaOutcomeActivities {

  /**
   * A cancellation saga (SPEC §4) ended with {@code outcome} (a {@code CancellationOutcome} name).
   * Fails without retry for an unknown shop or an outcome that is not an upper-case name.
   */
  @ActivityMethod
  void recordCancellationOutcome(String shopDomain, String redemptionId, String outcome);
}
