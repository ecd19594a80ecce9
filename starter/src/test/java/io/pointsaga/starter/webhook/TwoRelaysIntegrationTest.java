package io.pointsaga.starter.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pointsaga.attention.AttentionItems;
import io.pointsaga.earning.EarningRules;
import io.pointsaga.ledger.Activity;
import io.pointsaga.ledger.Ledger;
import io.pointsaga.order.OrderActivitiesImpl;
import io.pointsaga.order.OrderEvent;
import io.pointsaga.order.OrderEventKind;
import io.pointsaga.order.OrderLine;
import io.pointsaga.order.OrderSnapshot;
import io.pointsaga.order.OrderWorkflowImpl;
import io.pointsaga.order.Orders;
import io.pointsaga.platform.PlatformKind;
import io.pointsaga.redemption.RedemptionRefunds;
import io.pointsaga.redemption.Redemptions;
import io.pointsaga.settings.Settings;
import io.pointsaga.shop.Shop;
import io.pointsaga.shop.Shops;
import io.pointsaga.temporal.PointSagaSearchAttributes;
import io.pointsaga.temporal.TaskQueues;
import io.pointsaga.temporal.WorkflowIds;
import io.pointsaga.testing.TestDatabase;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two starters relaying the same inbox at once (issue 8, item 8): one PostgreSQL, one Temporal, two
 * {@link OrderSagaRelay}s each with its own inbox and client, both paths (the fast path after the
 * response and the scheduled sweep) racing over the same rows. Every row is handed to its saga
 * exactly once (the inbox claim), none is left PENDING, and every business event is applied once.
 */
@Timeout(120)
class TwoRelaysIntegrationTest {
  private static final int ORDERS = 60;

  private final Clock clock = Clock.systemUTC();
  private TestDatabase db;
  private JdbcClient jdbc;
  private Shop shop;
  private TestWorkflowEnvironment temporal;
  private OrderSagaRelay first;
  private OrderSagaRelay second;

  @BeforeEach
  void oneDatabaseOneTemporalTwoRelays() {
    db = TestDatabase.create();
    jdbc = JdbcClient.create(db.dataSource());
    TransactionTemplate tx =
        new TransactionTemplate(new DataSourceTransactionManager(db.dataSource()));
    Shops shops = new Shops(jdbc);
    shop =
        shops.upsert(
            "two-relays.myshopify.com",
            PlatformKind.SHOPIFY,
            "http://127.0.0.1:1",
            "token",
            "secret",
            "USD");
    new EarningRules(jdbc, clock).putPlaceOrderRule(shop.id(), BigDecimal.ONE, true);
    Ledger ledger = new Ledger(jdbc, tx, clock);

    temporal = TestWorkflowEnvironment.newInstance();
    PointSagaSearchAttributes.ALL.forEach(
        key ->
            temporal.registerSearchAttribute(
                key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
    Worker worker = temporal.newWorker(TaskQueues.SAGAS);
    worker.registerWorkflowImplementationTypes(OrderWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new OrderActivitiesImpl(
            shops,
            new Orders(jdbc),
            new Settings(jdbc, clock),
            new EarningRules(jdbc, clock),
            ledger,
            new Activity(jdbc, clock),
            new RedemptionRefunds(jdbc, ledger, new Redemptions(jdbc)),
            jdbc,
            tx,
            clock,
            Duration.ofDays(365),
            new AttentionItems(jdbc, clock)));
    temporal.start();

    ObjectMapper json = new ObjectMapper().findAndRegisterModules();
    first =
        new OrderSagaRelay(
            new WebhookInbox(jdbc, json, clock),
            client(),
            clock,
            new AttentionItems(jdbc, clock),
            shops,
            8);
    second =
        new OrderSagaRelay(
            new WebhookInbox(jdbc, json, clock),
            client(),
            clock,
            new AttentionItems(jdbc, clock),
            shops,
            8);
  }

  /** Each starter has its own connection to the one Temporal. */
  private WorkflowClient client() {
    return WorkflowClient.newInstance(
        temporal.getWorkflowServiceStubs(), temporal.getWorkflowClient().getOptions());
  }

  @AfterEach
  void stop() {
    first.destroy();
    second.destroy();
    temporal.close();
  }

  @Test
  void everyRowIsHandedToItsSagaOnceAndEveryEventAppliedOnce() throws Exception {
    ObjectMapper json = new ObjectMapper().findAndRegisterModules();
    WebhookInbox recorder = new WebhookInbox(jdbc, json, clock);
    List<Long> rows = new ArrayList<>();
    List<String> orderIds = new ArrayList<>();
    List<OrderEvent> events = new ArrayList<>();
    for (int i = 0; i < ORDERS; i++) {
      String orderId = String.valueOf(7_000 + i);
      orderIds.add(orderId);
      OrderEvent paid = paid(orderId, "cust-" + (i % 7), (i + 1) + ".00");
      events.add(paid);
      rows.add(
          recorder
              .record(
                  shop.id(),
                  "SHOPIFY",
                  "orders/paid",
                  "delivery-" + orderId,
                  WebhookKeys.orderPaid(orderId),
                  paid)
              .orElseThrow());
    }

    // Both starters at once: the first hands each row over on its fast path (as after each
    // response), while both sweep the inbox on their schedule.
    ExecutorService pool = Executors.newFixedThreadPool(3);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> running = new ArrayList<>();
    running.add(
        pool.submit(
            () -> {
              go.await();
              for (int i = 0; i < ORDERS; i++) {
                first.dispatchSoon(rows.get(i), shop.domain(), events.get(i));
              }
              return null;
            }));
    for (OrderSagaRelay relay : List.of(first, second)) {
      running.add(
          pool.submit(
              () -> {
                go.await();
                while (pending() > 0) {
                  relay.relayPending();
                  Thread.sleep(5);
                }
                return null;
              }));
    }
    go.countDown();
    for (Future<?> f : running) {
      f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();

    await("every order's paid event applied")
        .atMost(Duration.ofSeconds(60))
        .until(() -> appliedEvents() == ORDERS);

    assertThat(statuses()).as("no row left PENDING").containsOnlyKeys("DISPATCHED");
    assertThat(statuses().get("DISPATCHED")).isEqualTo(ORDERS);
    Map<String, Long> signals =
        orderIds.stream()
            .collect(
                Collectors.toMap(id -> id, id -> signals(WorkflowIds.order(shop.domain(), id))));
    assertThat(signals)
        .as("each inbox row handed to its saga exactly once (signals per order saga)")
        .allSatisfy((order, count) -> assertThat(count).as("order " + order).isEqualTo(1));
    assertThat(
            jdbc.sql("select count(*) from ledger_entry where shop_id = ? and kind = 'EARN'")
                .params(shop.id())
                .query(Long.class)
                .single())
        .isEqualTo(ORDERS);
    assertThat(
            jdbc.sql(
                    """
                    select count(*) from customer c where c.shop_id = ? and c.points_balance
                      <> (select coalesce(sum(points), 0) from ledger_entry e
                          where e.shop_id = c.shop_id and e.customer_id = c.customer_id)
                    """)
                .params(shop.id())
                .query(Long.class)
                .single())
        .as("customers whose balance is not the sum of their entries")
        .isZero();
  }

  private OrderEvent paid(String orderId, String customer, String amount) {
    OrderSnapshot order =
        new OrderSnapshot(
            orderId,
            customer,
            "USD",
            List.of(new OrderLine("1", new BigDecimal(amount))),
            List.of(),
            "paid",
            false,
            List.of());
    return new OrderEvent(
        0,
        OrderEventKind.PAID,
        WebhookKeys.PAID_EVENT,
        shop.domain(),
        orderId,
        order,
        null,
        null,
        null);
  }

  private long pending() {
    return jdbc.sql("select count(*) from webhook_inbox where status = 'PENDING'")
        .query(Long.class)
        .single();
  }

  private Map<String, Integer> statuses() {
    return jdbc
        .sql("select status, count(*)::int from webhook_inbox group by status")
        .query((rs, n) -> Map.entry(rs.getString(1), rs.getInt(2)))
        .list()
        .stream()
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  private long appliedEvents() {
    return jdbc.sql("select count(*) from order_event where shop_id = ?")
        .params(shop.id())
        .query(Long.class)
        .single();
  }

  private long signals(String workflowId) {
    return temporal
        .getWorkflowClient()
        .fetchHistory(workflowId)
        .getHistory()
        .getEventsList()
        .stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED)
        .count();
  }
}
