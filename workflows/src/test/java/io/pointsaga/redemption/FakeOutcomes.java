package io.pointsaga.redemption;

import io.pointsaga.outcome.SagaOutcomeActivities;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Keeps the outcomes a saga recorded, as "shop redemption OUTCOME", apart from the call log. */
final class FakeOutcomes implements SagaOutcomeActivities {
  final List<String> recorded = Collections.synchronizedList(new ArrayList<>());

  @Override
  public void recordCancellationOutcome(String shopDomain, String redemptionId, String outcome) {
    recorded.add(shopDomain + " " + redemptionId + " " + outcome);
  }
}
