package io.pointsaga.attention;

import static org.assertj.core.api.Assertions.assertThat;

import io.pointsaga.shop.Shop;
import io.pointsaga.testing.TestLedger;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link AttentionItems} over a real PostgreSQL: one item per source, and how it closes. */
class AttentionItemsTest {
  private static TestLedger db;
  private static AttentionItems items;

  private Shop shop;

  @BeforeAll
  static void database() {
    db = new TestLedger(Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000)));
    items = new AttentionItems(db.jdbc, db.clock);
  }

  @BeforeEach
  void newShop() {
    shop = db.shop("attention-" + UUID.randomUUID() + ".myshopify.com", "http://127.0.0.1:1");
  }

  @Test
  void aSourceOpensItsItemOnceAndItIsListedWithItsSubjectAndWorkflow() {
    assertThat(items.open(shop.id(), followUp("rdm_1"))).isTrue();
    assertThat(items.open(shop.id(), followUp("rdm_1"))).as("same source again").isFalse();

    assertThat(items.open(shop.id(), 10))
        .singleElement()
        .satisfies(
            item -> {
              assertThat(item.kind()).isEqualTo(AttentionKind.REDEMPTION_NEEDS_FOLLOW_UP);
              assertThat(item.subject()).isEqualTo("redemption rdm_1");
              assertThat(item.workflowId()).isEqualTo("cancel-redemption/x/rdm_1");
            });
  }

  @Test
  void everyKindOfTheQueueCanBeStored() {
    for (AttentionKind kind : AttentionKind.values()) {
      assertThat(
              items.open(
                  shop.id(),
                  new NewAttentionItem(
                      kind, "k:" + kind, "order 1", "p", null, null, "1", null, null)))
          .as(kind.name())
          .isTrue();
    }
    assertThat(items.open(shop.id(), 100)).hasSize(AttentionKind.values().length);
  }

  @Test
  void aRetriedItemReopensWhenItFailsAgainButAPersonsResolutionIsFinal() {
    items.open(shop.id(), followUp("rdm_2"));
    long id = items.open(shop.id(), 10).get(0).id();

    assertThat(items.close(shop.id(), id, ClosedBy.RETRY, "retried")).isTrue();
    assertThat(items.open(shop.id(), 10)).as("handed back: not listed").isEmpty();
    assertThat(items.open(shop.id(), followUp("rdm_2"))).as("failed again: reopened").isTrue();
    assertThat(items.open(shop.id(), 10)).extracting(AttentionItem::id).containsExactly(id);

    assertThat(items.close(shop.id(), id, ClosedBy.PERSON, "refunded by hand")).isTrue();
    assertThat(items.close(shop.id(), id, ClosedBy.PERSON, "twice")).as("closed once").isFalse();
    assertThat(items.open(shop.id(), followUp("rdm_2"))).as("a person closed it").isFalse();
    assertThat(items.open(shop.id(), 10)).isEmpty();
    StoredAttentionItem stored = items.find(shop.id(), id).orElseThrow();
    assertThat(stored.open()).isFalse();
    assertThat(stored.closedBy()).isEqualTo(ClosedBy.PERSON);
    assertThat(stored.resolution()).isEqualTo("refunded by hand");
    assertThat(stored.redemptionId()).isEqualTo("rdm_2");
  }

  @Test
  void aProblemThatWentAwayClosesByItselfAndMayComeBack() {
    NewAttentionItem missing =
        new NewAttentionItem(
            AttentionKind.SUBSCRIPTION_MISSING,
            NewAttentionItem.subscriptionKey("ORDERS_PAID"),
            "webhook subscription ORDERS_PAID",
            "missing",
            null,
            null,
            null,
            null,
            null);
    items.open(shop.id(), missing);

    assertThat(items.closeSource(shop.id(), missing.sourceKey(), "active again")).isTrue();
    assertThat(items.closeSource(shop.id(), missing.sourceKey(), "active again")).isFalse();
    assertThat(items.open(shop.id(), 10)).isEmpty();
    assertThat(items.open(shop.id(), missing)).as("missing again").isTrue();
  }

  @Test
  void aRetryThatCouldNotStartIsUndone() {
    items.open(shop.id(), followUp("rdm_3"));
    long id = items.open(shop.id(), 10).get(0).id();
    items.close(shop.id(), id, ClosedBy.RETRY, "retried");

    assertThat(items.reopenAfterRetry(shop.id(), id)).isTrue();
    assertThat(items.open(shop.id(), 10)).extracting(AttentionItem::id).containsExactly(id);
    items.close(shop.id(), id, ClosedBy.PERSON, "done");
    assertThat(items.reopenAfterRetry(shop.id(), id)).as("not a retry's close").isFalse();
  }

  @Test
  void anotherShopsItemIsNotFound() {
    items.open(shop.id(), followUp("rdm_4"));
    long id = items.open(shop.id(), 10).get(0).id();
    Shop other = db.shop("other-" + UUID.randomUUID() + ".myshopify.com", "http://127.0.0.1:1");

    assertThat(items.find(other.id(), id)).isEmpty();
    assertThat(items.close(other.id(), id, ClosedBy.PERSON, "not mine")).isFalse();
    assertThat(items.find(shop.id(), id))
        .get()
        .extracting(StoredAttentionItem::open)
        .isEqualTo(true);
  }

  private static NewAttentionItem followUp(String redemptionId) {
    return new NewAttentionItem(
        AttentionKind.REDEMPTION_NEEDS_FOLLOW_UP,
        NewAttentionItem.redemptionKey(redemptionId, AttentionKind.REDEMPTION_NEEDS_FOLLOW_UP),
        "redemption " + redemptionId,
        "the points could not be credited",
        "cancel-redemption/x/" + redemptionId,
        null,
        null,
        null,
        redemptionId);
  }
}
