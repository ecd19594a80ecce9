package io.pointsaga.local.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/** Percentiles of a run's latencies in milliseconds, nearest-rank (p99 of 200 is the 198th). */
record Latencies(int count, double p50, double p90, double p99, double max) {

  static Latencies of(Collection<Double> millis) {
    if (millis.isEmpty()) {
      throw new IllegalArgumentException("no latencies measured");
    }
    List<Double> sorted = new ArrayList<>(millis);
    Collections.sort(sorted);
    return new Latencies(
        sorted.size(),
        percentile(sorted, 50),
        percentile(sorted, 90),
        percentile(sorted, 99),
        sorted.get(sorted.size() - 1));
  }

  /** Nearest rank: the smallest value with at least {@code percent}% of the values at or below. */
  static double percentile(List<Double> sorted, int percent) {
    int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
    return sorted.get(Math.max(1, rank) - 1);
  }

  @Override
  public String toString() {
    return "%d runs: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms"
        .formatted(count, p50, p90, p99, max);
  }
}
