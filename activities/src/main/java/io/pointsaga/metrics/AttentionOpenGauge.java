package io.pointsaga.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pointsaga.attention.AttentionKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code pointsaga_attention_open{kind}}: the attention items open now, over every shop, one series
 * per {@link AttentionKind} (0 included), read from {@code attention_item} (what {@code GET
 * .../attention} lists). One grouped query per scrape at most every {@link #FRESH_FOR}, however
 * many kinds and scrapers; when the database cannot answer the series read NaN (Prometheus drops
 * NaN samples) rather than a stale or invented number.
 */
@Component
class AttentionOpenGauge {
  static final Duration FRESH_FOR = Duration.ofSeconds(5);
  private static final Logger log = LoggerFactory.getLogger(AttentionOpenGauge.class);

  private final JdbcClient jdbc;
  private final Clock clock;
  private Map<AttentionKind, Double> counts = Map.of();
  private Instant readAt = Instant.MIN;

  AttentionOpenGauge(JdbcClient jdbc, Clock clock, MeterRegistry registry) {
    this.jdbc = jdbc;
    this.clock = clock;
    for (AttentionKind kind : AttentionKind.values()) {
      Gauge.builder(BusinessSeries.ATTENTION_OPEN, this, gauge -> gauge.open(kind))
          .description("Attention items open now (SPEC §11), by kind")
          .tag("kind", kind.name())
          .register(registry);
    }
  }

  synchronized double open(AttentionKind kind) {
    Instant now = clock.instant();
    if (Duration.between(readAt, now).compareTo(FRESH_FOR) >= 0 || readAt.isAfter(now)) {
      counts = read();
      readAt = now;
    }
    return counts.getOrDefault(kind, Double.NaN);
  }

  private Map<AttentionKind, Double> read() {
    Map<AttentionKind, Double> open = new EnumMap<>(AttentionKind.class);
    try {
      for (AttentionKind kind : AttentionKind.values()) {
        open.put(kind, 0.0);
      }
      jdbc.sql(
              "select kind, count(*) as open from attention_item where resolved_at is null"
                  + " group by kind")
          .query(
              (rs, n) -> {
                for (AttentionKind kind : AttentionKind.values()) {
                  if (kind.name().equals(rs.getString("kind"))) {
                    open.put(kind, (double) rs.getLong("open"));
                  }
                }
                return null;
              })
          .list();
      return open;
    } catch (RuntimeException unreadable) {
      log.warn("attention items could not be counted for the metrics: {}", unreadable.toString());
      return Map.of();
    }
  }
}
