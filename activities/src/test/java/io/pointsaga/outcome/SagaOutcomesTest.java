package io.pointsaga.outcome;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pointsaga.metrics.BusinessSeries;
import io.pointsaga.shop.Shop;
import io.pointsaga.testing.TestLedger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A saga run's outcome is written, counted and logged once, whatever the retries. */
class SagaOutcomesTest {
  private static TestLedger db;
  private static Shop shop;

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final SagaOutcomes outcomes = new SagaOutcomes(db.jdbc, db.tx, db.clock, registry);

  @BeforeAll
  static void database() {
    db = new TestLedger();
    shop = db.shop("outcomes.myshopify.com", "http://127.0.0.1:1");
  }

  private SagaEnded ended(String runId, String outcome) {
    return new SagaEnded(
        "cancel-redemption/" + shop.domain() + "/rdm_1",
        runId,
        shop.id(),
        shop.domain(),
        SagaKind.CANCEL_REDEMPTION,
        "redemption rdm_1",
        outcome);
  }

  private double cancellations(String outcome) {
    var counter = registry.find(BusinessSeries.CANCELLATIONS).tag("outcome", outcome).counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void aRunIsCountedOnceAndANewRunOfTheSameRedemptionAgain() {
    assertThat(outcomes.record(ended("run-1", "REWARD_USED"))).isTrue();
    assertThat(outcomes.record(ended("run-1", "REWARD_USED"))).as("activity retry").isFalse();
    assertThat(cancellations("REWARD_USED")).isEqualTo(1);

    assertThat(outcomes.record(ended("run-2", "POINTS_REFUNDED_REWARD_USED"))).isTrue();
    assertThat(cancellations("POINTS_REFUNDED_REWARD_USED")).isEqualTo(1);
    assertThat(
            db.jdbc
                .sql("select count(*) from saga_outcome where shop_id = ?")
                .param(shop.id())
                .query(Long.class)
                .single())
        .isEqualTo(2);
  }

  @Test
  void nothingIsCountedWhenTheTransactionRollsBack() {
    try {
      db.tx.executeWithoutResult(
          status -> {
            outcomes.record(ended("run-rolled-back", "CANCELLED"));
            status.setRollbackOnly();
          });
    } finally {
      assertThat(cancellations("CANCELLED")).isZero();
    }
    assertThat(outcomes.record(ended("run-rolled-back", "CANCELLED"))).isTrue();
    assertThat(cancellations("CANCELLED")).isEqualTo(1);
  }
}
