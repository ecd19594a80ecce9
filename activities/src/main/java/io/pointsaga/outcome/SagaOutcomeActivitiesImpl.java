package io.pointsaga.outcome;

import io.pointsaga.failure.FailureKind;
import io.pointsaga.shop.Shop;
import io.pointsaga.shop.Shops;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInfo;
import io.temporal.failure.ApplicationFailure;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Writes the outcome with the run's workflow id and run id as its key (see {@link SagaOutcomes}).
 */
@Component("sagaOutcomeActivities")
public class SagaOutcomeActivitiesImpl implements SagaOutcomeActivities {
  private static final String REFUSED = FailureKind.REFUSED.type();

  private static final Pattern OUTCOME = Pattern.compile("[A-Z_]{1,64}");

  private final Shops shops;
  private final SagaOutcomes outcomes;

  public SagaOutcomeActivitiesImpl(Shops shops, SagaOutcomes outcomes) {
    this.shops = shops;
    this.outcomes = outcomes;
  }

  @Override
  public void recordCancellationOutcome(String shopDomain, String redemptionId, String outcome) {
    if (outcome == null || !OUTCOME.matcher(outcome).matches()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "The saga reported an outcome that is not an upper-case name; nothing was recorded.",
          REFUSED);
    }
    Shop shop =
        shops
            .findByDomain(shopDomain)
            .orElseThrow(
                () ->
                    ApplicationFailure.newNonRetryableFailure(
                        "Shop " + shopDomain + " is not installed; the outcome was not recorded.",
                        REFUSED));
    ActivityInfo run = Activity.getExecutionContext().getInfo();
    outcomes.record(
        new SagaEnded(
            run.getWorkflowId(),
            run.getRunId(),
            shop.id(),
            shop.domain(),
            SagaKind.CANCEL_REDEMPTION,
            "redemption " + redemptionId,
            outcome));
  }
}
