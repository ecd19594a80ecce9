package io.pointsaga.starter.attention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pointsaga.attention.AttentionItems;
import io.pointsaga.attention.AttentionKind;
import io.pointsaga.attention.ClosedBy;
import io.pointsaga.attention.NewAttentionItem;
import io.pointsaga.attention.StoredAttentionItem;
import io.pointsaga.platform.PlatformKind;
import io.pointsaga.shop.Shop;
import io.pointsaga.shop.Shops;
import io.pointsaga.starter.web.ApiException;
import io.pointsaga.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Retrying what only a reconciliation can drive again, through the {@link ReconciliationTrigger}
 * hook: a failed reconciliation, and an order event whose delivery is not in the inbox.
 */
class AttentionRetriesTest {
  private static JdbcClient jdbc;
  private static AttentionItems items;
  private static Shops shops;

  private final List<String> runsStarted = new ArrayList<>();
  private final ReconciliationTrigger trigger =
      shop -> {
        runsStarted.add(shop.domain());
        return new ReconciliationTrigger.Started("rec-1", "reconcile/" + shop.domain());
      };
  private Shop shop;

  @BeforeAll
  static void database() {
    jdbc = JdbcClient.create(TestDatabase.create().dataSource());
    items = new AttentionItems(jdbc, Clock.systemUTC());
    shops = new Shops(jdbc);
  }

  @BeforeEach
  void newShop() {
    shop =
        shops.upsert(
            "retries-" + UUID.randomUUID() + ".myshopify.com",
            PlatformKind.SHOPIFY,
            "http://127.0.0.1:1",
            "token",
            "secret",
            "USD");
  }

  @Test
  void aFailedReconciliationIsRetriedByStartingARunAndComesBackIfThatFailsToo() {
    NewAttentionItem failed = reconciliationFailed();
    StoredAttentionItem item = open(failed);

    RetryOutcome outcome = retries(trigger).retry(shop, item);

    assertThat(runsStarted).containsExactly(shop.domain());
    assertThat(outcome.action()).isEqualTo(RetryAction.RECONCILIATION_STARTED);
    assertThat(outcome.message()).contains("reconciliation rec-1 started");
    assertThat(outcome.workflowId()).isEqualTo("reconcile/" + shop.domain());
    assertThat(stored(item).closedBy()).isEqualTo(ClosedBy.RETRY);
    assertThat(items.open(shop.id(), failed)).as("the run failed too: back in the queue").isTrue();
  }

  @Test
  void withoutReconciliationTheRetryIs409AndTheItemStaysOpen() {
    StoredAttentionItem item = open(reconciliationFailed());

    assertThatThrownBy(() -> retries(null).retry(shop, item))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT);
              assertThat(e.error()).isEqualTo("cannot_retry");
              assertThat(e.getMessage()).contains("resolve the item with a note");
            });
    assertThat(stored(item).open()).isTrue();
  }

  @Test
  void anOrderEventWithoutAnInboxDeliveryIsFoundAgainByAReconciliation() {
    StoredAttentionItem item =
        open(
            new NewAttentionItem(
                AttentionKind.ORDER_EVENT_FAILED,
                NewAttentionItem.orderEventKey("1234", "refund:567"),
                "refund 567 of order 1234",
                "failed",
                "order/x/1234",
                null,
                "1234",
                "refund:567"));

    RetryOutcome outcome = retries(trigger).retry(shop, item);

    assertThat(outcome.action()).isEqualTo(RetryAction.RECONCILIATION_STARTED);
    assertThat(outcome.message()).contains("not in the inbox");
    assertThat(runsStarted).hasSize(1);
  }

  @Test
  void aClosedItemIsNotRetried() {
    StoredAttentionItem item = open(reconciliationFailed());
    items.close(shop.id(), item.item().id(), ClosedBy.PERSON, "done");

    assertThatThrownBy(() -> retries(trigger).retry(shop, item))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.error()).isEqualTo("attention_item_closed"));
    assertThat(runsStarted).isEmpty();
  }

  private AttentionRetries retries(ReconciliationTrigger trigger) {
    StaticListableBeanFactory beans =
        new StaticListableBeanFactory(trigger == null ? Map.of() : Map.of("trigger", trigger));
    return new AttentionRetries(
        items,
        null,
        null,
        null,
        null,
        beans.getBeanProvider(ReconciliationTrigger.class),
        Duration.ofSeconds(1));
  }

  private NewAttentionItem reconciliationFailed() {
    return new NewAttentionItem(
        AttentionKind.RECONCILIATION_FAILED,
        "reconciliation:" + UUID.randomUUID(),
        "reconciliation of shop " + shop.domain(),
        "Shopify answered HTTP 503 for an hour.",
        "reconcile/" + shop.domain(),
        null,
        null,
        null);
  }

  private StoredAttentionItem open(NewAttentionItem item) {
    assertThat(items.open(shop.id(), item)).isTrue();
    long id = items.open(shop.id(), 100).get(0).id();
    return items.find(shop.id(), id).orElseThrow();
  }

  private StoredAttentionItem stored(StoredAttentionItem item) {
    return items.find(shop.id(), item.item().id()).orElseThrow();
  }
}
