package io.pointsaga.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pointsaga.ledger.EntryKind;
import io.pointsaga.ledger.LedgerEntry;
import io.pointsaga.ledger.PostingObserver;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code pointsaga_points_total{kind}}: the points each applied posting moved, as an absolute value
 * (a clawback of 10 adds 10 under {@code REFUND_CLAWBACK}), counted once its transaction committed.
 * A repeated business event (webhook redelivery, activity retry) posts nothing and counts nothing.
 */
@Component
class PointsMetrics implements PostingObserver {
  private final Map<EntryKind, Counter> counters = new EnumMap<>(EntryKind.class);

  PointsMetrics(MeterRegistry registry) {
    for (EntryKind kind : EntryKind.values()) {
      counters.put(
          kind,
          Counter.builder(BusinessSeries.POINTS)
              .description("Points moved by applied ledger postings, absolute, by entry kind")
              .tag("kind", kind.name())
              .register(registry));
    }
  }

  @Override
  public void applied(LedgerEntry entry) {
    Counter counter = counters.get(entry.kind());
    long points = Math.abs(entry.points());
    AfterCommit.run(() -> counter.increment(points));
  }
}
