package io.pointsaga.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pointsaga.attention.AttentionItem;
import io.pointsaga.attention.AttentionItems;
import io.pointsaga.attention.AttentionKind;
import io.pointsaga.order.OrderLine;
import io.pointsaga.order.OrderSnapshot;
import io.pointsaga.order.RefundLine;
import io.pointsaga.order.RefundSnapshot;
import io.pointsaga.platform.ChangedOrder;
import io.pointsaga.platform.OrderChangesPage;
import io.pointsaga.platform.PlatformAccount;
import io.pointsaga.platform.PlatformHttpSettings;
import io.pointsaga.platform.PlatformOrderChanges;
import io.pointsaga.settings.Settings;
import io.pointsaga.shop.Shop;
import io.pointsaga.testing.TestLedger;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The reconciliation steps on a real database: the run's row and window, events handed over once
 * under the webhooks' business keys (never what was applied or delivered already), the cursor that
 * only moves forward and only after a completed run, the shop's note, the attention item.
 */
class ReconciliationActivitiesImplTest {
  private static final AtomicInteger IDS = new AtomicInteger();
  private static final Instant T1 = Instant.parse("2026-11-30T07:30:00Z");
  private static final Instant T2 = Instant.parse("2026-11-30T07:40:00Z");

  private static TestLedger db;
  private static ScriptedPlatform platform;
  private static ReconciliationActivitiesImpl activities;

  private Shop shop;

  /** Answers the pages it is given, in turn; records the windows asked for. */
  static final class ScriptedPlatform extends PlatformOrderChanges {
    final List<OrderChangesPage> pages = new ArrayList<>();
    final List<Instant> asked = new ArrayList<>();

    ScriptedPlatform() {
      super(new PlatformHttpSettings(Duration.ofSeconds(1), Duration.ofSeconds(1)));
    }

    @Override
    public OrderChangesPage read(PlatformAccount account, Instant since, String page) {
      asked.add(since);
      return pages.remove(0);
    }
  }

  @BeforeAll
  static void database() {
    db = new TestLedger(Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000)));
    platform = new ScriptedPlatform();
    activities =
        new ReconciliationActivitiesImpl(
            db.shops,
            new Settings(db.jdbc, db.clock),
            new ReconciliationRuns(db.jdbc, db.clock),
            new ReconciliationInbox(db.jdbc, new ObjectMapper(), db.clock),
            platform,
            new AttentionItems(db.jdbc, db.clock),
            db.activity,
            db.tx);
  }

  @BeforeEach
  void freshShop() {
    shop = db.shop("rcn-test-" + IDS.incrementAndGet() + ".myshopify.com", "http://127.0.0.1:1");
    platform.pages.clear();
  }

  private static ChangedOrder shopifyOrder(String orderId, Instant updatedAt, String... refunds) {
    List<RefundSnapshot> refundSnapshots = new ArrayList<>();
    for (String refund : refunds) {
      refundSnapshots.add(
          new RefundSnapshot(
              refund, List.of(new RefundLine("11", new BigDecimal("5.00"))), null, false));
    }
    return new ChangedOrder(
        new OrderSnapshot(
            orderId,
            "42",
            "USD",
            List.of(new OrderLine("11", new BigDecimal("20.00"))),
            List.of(),
            "partially_refunded",
            false,
            refundSnapshots,
            null),
        updatedAt,
        true,
        null);
  }

  @Test
  void aRunReadsFromTheInstallationMinusTheOverlapAndHandsEachEventOverOnce() {
    Instant readFrom =
        activities.begin(shop.domain(), "rcn_a", ReconciliationTrigger.MANUAL, "reconcile/x");
    Instant installed =
        db.jdbc
            .sql("select created_at from shop where id = ?")
            .param(shop.id())
            .query(Timestamp.class)
            .single()
            .toInstant();
    assertThat(readFrom).isEqualTo(installed.minus(ReconciliationActivitiesImpl.OVERLAP));
    assertThat(activities.begin(shop.domain(), "rcn_a", ReconciliationTrigger.MANUAL, "w"))
        .as("a repeated begin keeps the first window")
        .isEqualTo(readFrom);

    platform.pages.add(new OrderChangesPage(List.of(shopifyOrder("1001", T1, "501")), "p2"));
    ReconciliationPage page = activities.readPage(shop.domain(), readFrom, null);
    assertThat(page).isEqualTo(new ReconciliationPage(1, 2, T1, "p2"));
    assertThat(inboxKeys())
        .containsExactly("order:1001:paid", "refund:501")
        .as("the webhooks' business keys");

    // read again (overlapping window, or a retried step): nothing new
    platform.pages.add(new OrderChangesPage(List.of(shopifyOrder("1001", T1, "501")), null));
    assertThat(activities.readPage(shop.domain(), readFrom, "p2").eventsRecovered()).isZero();
    assertThat(inboxKeys()).hasSize(2);
  }

  @Test
  void anEventTheWebhookDeliveredOrTheSagaAppliedIsNotHandedOverAgain() {
    db.jdbc
        .sql(
            """
            insert into webhook_inbox (shop_id, platform, topic, delivery_key, business_key,
                order_id, payload)
            values (?, 'SHOPIFY', 'refunds/create', 'evt-1', 'refund:601', '2002', '{}'::jsonb)
            """)
        .param(shop.id())
        .update();
    db.jdbc
        .sql(
            """
            insert into order_event (shop_id, order_id, event_key, points_delta)
            values (?, '2002', 'paid', 20)
            """)
        .param(shop.id())
        .update();

    platform.pages.add(new OrderChangesPage(List.of(shopifyOrder("2002", T1, "601", "602")), null));
    ReconciliationPage page = activities.readPage(shop.domain(), T1, null);

    assertThat(page.eventsRecovered()).as("only refund 602 was missing").isEqualTo(1);
    assertThat(inboxKeys()).containsExactlyInAnyOrder("refund:601", "refund:602");
  }

  @Test
  void completingMovesTheCursorForwardOnlyAndNotesWhatWasRecovered() {
    activities.begin(shop.domain(), "rcn_1", ReconciliationTrigger.SCHEDULED, "reconcile/x");
    activities.complete(shop.domain(), "rcn_1", new ReconciliationTotals(10, 3, T2));
    assertThat(activities.begin(shop.domain(), "rcn_2", ReconciliationTrigger.SCHEDULED, "w"))
        .isEqualTo(T2.minus(ReconciliationActivitiesImpl.OVERLAP));
    activities.complete(shop.domain(), "rcn_2", new ReconciliationTotals(1, 0, T1));
    assertThat(activities.begin(shop.domain(), "rcn_3", ReconciliationTrigger.SCHEDULED, "w"))
        .as("an older change read later never moves the cursor back")
        .isEqualTo(T2.minus(ReconciliationActivitiesImpl.OVERLAP));

    List<ReconciliationRun> runs =
        new ReconciliationRuns(db.jdbc, db.clock).newestFirst(shop.id(), 10);
    assertThat(runs)
        .extracting(ReconciliationRun::reconciliationId, ReconciliationRun::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("rcn_3", ReconciliationStatus.RUNNING),
            org.assertj.core.groups.Tuple.tuple("rcn_2", ReconciliationStatus.COMPLETED),
            org.assertj.core.groups.Tuple.tuple("rcn_1", ReconciliationStatus.COMPLETED));
    assertThat(runs.get(2).ordersChecked()).isEqualTo(10);
    assertThat(runs.get(2).eventsRecovered()).isEqualTo(3);
    assertThat(runs.get(2).finishedAt()).isNotNull();
    assertThat(runs.get(0).finishedAt()).isNull();
    assertThat(db.activity.shopFeed(shop.id(), 10))
        .hasSize(1)
        .first()
        .satisfies(note -> assertThat(note.toString()).contains("rcn_1", "recovered 3 event(s)"));
  }

  @Test
  void aFailedRunKeepsTheCursorAndOpensAnAttentionItemWithTheWorkflowId() {
    activities.begin(shop.domain(), "rcn_ok", ReconciliationTrigger.SCHEDULED, "reconcile/x");
    activities.complete(shop.domain(), "rcn_ok", new ReconciliationTotals(1, 0, T1));
    activities.begin(shop.domain(), "rcn_bad", ReconciliationTrigger.MANUAL, "reconcile/x");

    activities.fail(
        shop.domain(),
        "rcn_bad",
        "reconcile/" + shop.domain(),
        new ReconciliationTotals(25, 2, T2),
        "Shopify answered HTTP 503");

    assertThat(activities.begin(shop.domain(), "rcn_next", ReconciliationTrigger.SCHEDULED, "w"))
        .isEqualTo(T1.minus(ReconciliationActivitiesImpl.OVERLAP));
    List<AttentionItem> items = new AttentionItems(db.jdbc, db.clock).open(shop.id(), 10);
    assertThat(items).hasSize(1);
    assertThat(items.get(0).kind()).isEqualTo(AttentionKind.RECONCILIATION_FAILED);
    assertThat(items.get(0).workflowId()).isEqualTo("reconcile/" + shop.domain());
    assertThat(items.get(0).subject()).isEqualTo("reconciliation rcn_bad");
    assertThat(items.get(0).problem()).contains("HTTP 503");
    assertThat(new ReconciliationRuns(db.jdbc, db.clock).newestFirst(shop.id(), 10))
        .filteredOn(run -> run.reconciliationId().equals("rcn_bad"))
        .singleElement()
        .satisfies(run -> assertThat(run.status()).isEqualTo(ReconciliationStatus.FAILED));
  }

  @Test
  void theScheduleFollowsTheShopsIntervalAndItsInstallation() {
    new Settings(db.jdbc, db.clock)
        .save(
            shop.id(),
            new io.pointsaga.settings.ShopSettings(
                null, null, null, null, null, false, null, "PT30S"));
    assertThat(activities.schedule(shop.domain()))
        .isEqualTo(new ReconciliationSchedule(true, Duration.ofSeconds(30)));
    db.shops.uninstall(shop.id());
    assertThat(activities.schedule(shop.domain()).shopInstalled()).isFalse();
    assertThat(activities.schedule("unknown.myshopify.com").shopInstalled()).isFalse();
  }

  private List<String> inboxKeys() {
    return db.jdbc
        .sql("select business_key from webhook_inbox where shop_id = ? order by id")
        .param(shop.id())
        .query(String.class)
        .list();
  }
}
