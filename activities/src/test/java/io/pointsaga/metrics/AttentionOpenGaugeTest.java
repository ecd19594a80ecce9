package io.pointsaga.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pointsaga.attention.AttentionItems;
import io.pointsaga.attention.AttentionKind;
import io.pointsaga.attention.NewAttentionItem;
import io.pointsaga.shop.Shop;
import io.pointsaga.testing.TestLedger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** {@code pointsaga_attention_open{kind}} reads the open items, one query per freshness window. */
class AttentionOpenGaugeTest {
  private static final AtomicReference<Instant> now =
      new AtomicReference<>(Instant.parse("2026-11-30T08:00:00Z"));
  private static final Clock clock =
      new Clock() {
        @Override
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now.get();
        }
      };

  private static final TestLedger db = new TestLedger(clock);
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private double open(AttentionKind kind) {
    return registry.get(BusinessSeries.ATTENTION_OPEN).tag("kind", kind.name()).gauge().value();
  }

  @Test
  void countsOpenItemsByKindOverEveryShopAndZeroForTheOthers() {
    new AttentionOpenGauge(db.jdbc, clock, registry);
    Shop one = db.shop("attention-one.myshopify.com", "http://127.0.0.1:1");
    Shop two = db.shop("attention-two.myshopify.com", "http://127.0.0.1:1");
    AttentionItems items = new AttentionItems(db.jdbc, clock);
    items.open(one.id(), rejected("inbox:1"));
    items.open(two.id(), rejected("inbox:2"));
    items.open(two.id(), failedEvent("order:9:paid"));

    assertThat(open(AttentionKind.WEBHOOK_REJECTED)).isEqualTo(2);
    assertThat(open(AttentionKind.ORDER_EVENT_FAILED)).isEqualTo(1);

    db.jdbc
        .sql("update attention_item set resolved_at = now() where source_key = 'inbox:1'")
        .update();
    assertThat(open(AttentionKind.WEBHOOK_REJECTED))
        .as("read again only once the last reading is older than the freshness window")
        .isEqualTo(2);
    now.set(now.get().plus(AttentionOpenGauge.FRESH_FOR));
    assertThat(open(AttentionKind.WEBHOOK_REJECTED)).isEqualTo(1);
  }

  @Test
  void anUnreadableDatabaseReadsNaNNotAnInventedNumber() {
    DriverManagerDataSource nowhere =
        new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:1/none");
    new AttentionOpenGauge(JdbcClient.create(nowhere), clock, registry);

    assertThat(open(AttentionKind.WEBHOOK_REJECTED)).isNaN();
  }

  private static NewAttentionItem rejected(String source) {
    return new NewAttentionItem(
        AttentionKind.WEBHOOK_REJECTED, source, "order 1", "not valid", null, null, "1", null);
  }

  private static NewAttentionItem failedEvent(String source) {
    return new NewAttentionItem(
        AttentionKind.ORDER_EVENT_FAILED,
        source,
        "order 9",
        "failed",
        "order/x/9",
        null,
        "9",
        "paid");
  }
}
