package io.pointsaga.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pointsaga.ledger.BalanceRule;
import io.pointsaga.ledger.EntryKind;
import io.pointsaga.ledger.Ledger;
import io.pointsaga.ledger.Posting;
import io.pointsaga.shop.Shop;
import io.pointsaga.testing.TestLedger;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code pointsaga_points_total{kind}} counts applied postings once, after their commit. */
class PointsMetricsTest {
  private static TestLedger db;
  private static Shop shop;

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final Ledger ledger =
      new Ledger(db.jdbc, db.tx, db.clock, List.of(new PointsMetrics(registry)));

  @BeforeAll
  static void database() {
    db = new TestLedger();
    shop = db.shop("points-metrics.myshopify.com", "http://127.0.0.1:1");
  }

  private double counted(EntryKind kind) {
    return registry.get(BusinessSeries.POINTS).tag("kind", kind.name()).counter().count();
  }

  private static Posting posting(String customer, long points, EntryKind kind, String key) {
    return new Posting(
        shop.id(), customer, points, kind, key, "test", null, null, BalanceRule.ALLOW_NEGATIVE);
  }

  @Test
  void everyKindIsRenderedFromTheStartAndAnAppliedPostingCountsItsAbsolutePoints() {
    assertThat(registry.get(BusinessSeries.POINTS).counters()).hasSize(EntryKind.values().length);

    ledger.post(posting("c-1", 40, EntryKind.EARN, "order:1:paid"));
    ledger.post(posting("c-1", -15, EntryKind.REFUND_CLAWBACK, "order:1:refund:1"));

    assertThat(counted(EntryKind.EARN)).isEqualTo(40);
    assertThat(counted(EntryKind.REFUND_CLAWBACK)).isEqualTo(15);
    assertThat(counted(EntryKind.MANUAL_ADJUSTMENT)).isZero();
  }

  @Test
  void aRepeatedBusinessEventCountsNothing() {
    ledger.post(posting("c-2", 25, EntryKind.EARN, "order:2:paid"));
    ledger.post(posting("c-2", 25, EntryKind.EARN, "order:2:paid"));
    ledger.post(posting("c-2", 25, EntryKind.EARN, "order:2:paid"));

    assertThat(counted(EntryKind.EARN)).isEqualTo(25);
  }

  @Test
  void aPostingRolledBackWithItsTransactionIsNotCounted() {
    assertThatThrownBy(
            () ->
                db.tx.executeWithoutResult(
                    status -> {
                      ledger.post(posting("c-3", 70, EntryKind.MANUAL_ADJUSTMENT, "adj:3"));
                      assertThat(counted(EntryKind.MANUAL_ADJUSTMENT))
                          .as("not before the commit")
                          .isZero();
                      throw new IllegalStateException("a later step of the transaction failed");
                    }))
        .isInstanceOf(IllegalStateException.class);

    assertThat(counted(EntryKind.MANUAL_ADJUSTMENT)).isZero();
    assertThat(db.ledger.findByKey(shop.id(), "adj:3")).isEmpty();

    db.tx.executeWithoutResult(
        status -> ledger.post(posting("c-3", 70, EntryKind.MANUAL_ADJUSTMENT, "adj:3")));
    assertThat(counted(EntryKind.MANUAL_ADJUSTMENT)).isEqualTo(70);
  }
}
