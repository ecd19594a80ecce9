package io.pointsaga.worker;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.pointsaga.attention.AttentionItems;
import io.pointsaga.earning.EarningRules;
import io.pointsaga.ledger.BalanceRule;
import io.pointsaga.ledger.EntryKind;
import io.pointsaga.ledger.LedgerEntry;
import io.pointsaga.ledger.Posting;
import io.pointsaga.order.OrderActivities;
import io.pointsaga.order.OrderActivitiesImpl;
import io.pointsaga.order.OrderChange;
import io.pointsaga.order.OrderEvent;
import io.pointsaga.order.OrderEventKind;
import io.pointsaga.order.OrderLine;
import io.pointsaga.order.OrderSagaInput;
import io.pointsaga.order.OrderSnapshot;
import io.pointsaga.order.OrderWorkflow;
import io.pointsaga.order.OrderWorkflowImpl;
import io.pointsaga.order.Orders;
import io.pointsaga.order.RefundLine;
import io.pointsaga.order.RefundSnapshot;
import io.pointsaga.outcome.SagaOutcomeActivitiesImpl;
import io.pointsaga.outcome.SagaOutcomes;
import io.pointsaga.platform.PlatformActivitiesImpl;
import io.pointsaga.platform.PlatformHttpSettings;
import io.pointsaga.redemption.CancelRedemptionRequest;
import io.pointsaga.redemption.CancelRedemptionWorkflow;
import io.pointsaga.redemption.CancelRedemptionWorkflowImpl;
import io.pointsaga.redemption.CancellationOutcome;
import io.pointsaga.redemption.CancellationResult;
import io.pointsaga.redemption.RedemptionActivities;
import io.pointsaga.redemption.RedemptionActivitiesImpl;
import io.pointsaga.redemption.RedemptionRefunds;
import io.pointsaga.redemption.RedemptionStatus;
import io.pointsaga.redemption.Reservation;
import io.pointsaga.redemption.ReserveRedemption;
import io.pointsaga.reward.Reward;
import io.pointsaga.settings.Settings;
import io.pointsaga.shop.Shop;
import io.pointsaga.temporal.PointSagaSearchAttributes;
import io.pointsaga.temporal.TaskQueues;
import io.pointsaga.temporal.WorkflowIds;
import io.pointsaga.testing.TestLedger;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A worker killed in the middle of an activity (issue 8, item 7): the activity's transaction
 * committed, but the worker died before it told Temporal. Temporal runs the activity again on a new
 * worker after the attempt's timeout; the ledger must hold the effect exactly once.
 *
 * <p>Real activities over PostgreSQL, Shopify played by WireMock, Temporal's time-skipping test
 * service (the attempt's 15 s timeout and the workflow task's 10 s timeout pass in skipped time).
 */
@Timeout(90)
class ActivityCrashIntegrationTest {

  @RegisterExtension
  static final WireMockExtension shopify =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final String GRAPHQL = "/admin/api/2025-10/graphql.json";
  private static final String GID = "gid://shopify/DiscountCodeNode/777";
  private static final AtomicInteger IDS = new AtomicInteger();

  /** No sticky queue: see RevocationRetryIntegrationTest (the test service never un-sticks). */
  private static final WorkerOptions WORKER_OPTIONS =
      WorkerOptions.newBuilder().setStickyQueueScheduleToStartTimeout(Duration.ZERO).build();

  private static TestLedger db;
  private static Shop shop;
  private static Reward reward;
  private static RedemptionActivitiesImpl redemptionActivities;
  private static PlatformActivitiesImpl platformActivities;
  private static SagaOutcomeActivitiesImpl outcomeActivities;
  private static OrderActivitiesImpl orderActivities;

  private TestWorkflowEnvironment testEnv;
  private WorkerFactory replacement;
  private CrashAfterCommit<?> crash;
  private String customer;

  @BeforeAll
  static void realActivities() {
    db = new TestLedger(Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000)));
    shop = db.shop("crash-it.myshopify.com", shopify.baseUrl());
    reward = db.rewards.create(shop.id(), "$5 off", 300, new BigDecimal("5.00"));
    new EarningRules(db.jdbc, db.clock).putPlaceOrderRule(shop.id(), BigDecimal.ONE, true);
    redemptionActivities =
        new RedemptionActivitiesImpl(
            db.shops,
            db.rewards,
            db.redemptions,
            db.ledger,
            db.activity,
            db.tx,
            db.clock,
            Duration.ofDays(365),
            new io.pointsaga.attention.AttentionItems(db.jdbc, db.clock));
    outcomeActivities =
        new SagaOutcomeActivitiesImpl(
            db.shops,
            new SagaOutcomes(
                db.jdbc,
                db.tx,
                db.clock,
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry()));
    platformActivities =
        new PlatformActivitiesImpl(
            db.shops, new PlatformHttpSettings(Duration.ofSeconds(1), Duration.ofSeconds(2)));
    orderActivities =
        new OrderActivitiesImpl(
            db.shops,
            new Orders(db.jdbc),
            new Settings(db.jdbc, db.clock),
            new EarningRules(db.jdbc, db.clock),
            db.ledger,
            db.activity,
            new RedemptionRefunds(db.jdbc, db.ledger, db.redemptions),
            db.jdbc,
            db.tx,
            db.clock,
            Duration.ofDays(365),
            new AttentionItems(db.jdbc, db.clock));
  }

  @BeforeEach
  void temporal() {
    customer = "crash-" + IDS.incrementAndGet();
    testEnv = TestWorkflowEnvironment.newInstance();
    PointSagaSearchAttributes.ALL.forEach(
        key ->
            testEnv.registerSearchAttribute(
                key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
  }

  @AfterEach
  void stop() throws InterruptedException {
    if (crash != null) {
      crash.release();
    }
    if (replacement != null) {
      replacement.shutdownNow();
      replacement.awaitTermination(10, TimeUnit.SECONDS);
    }
    testEnv.close();
  }

  @Test
  void aWorkerKilledAfterTheRefundCommittedRefundsOnceOnTheNextWorker() throws Exception {
    String id = issuedRedemption();
    stubShopifyCouponActiveUnusedAndRevocable(couponOf(id));
    CrashAfterCommit<RedemptionActivities> dies =
        CrashAfterCommit.after(
            RedemptionActivities.class, redemptionActivities, "refundPoints", args -> true);
    crash = dies;
    Worker doomed = testEnv.newWorker(TaskQueues.SAGAS, WORKER_OPTIONS);
    doomed.registerWorkflowImplementationTypes(CancelRedemptionWorkflowImpl.class);
    doomed.registerActivitiesImplementations(
        dies.activities(), platformActivities, outcomeActivities);
    testEnv.start();

    CancelRedemptionWorkflow saga =
        testEnv
            .getWorkflowClient()
            .newWorkflowStub(
                CancelRedemptionWorkflow.class,
                options(WorkflowIds.cancelRedemption(shop.domain(), id)));
    WorkflowClient.start(saga::cancel, new CancelRedemptionRequest(shop.domain(), id, false));
    dies.awaitCrash(Duration.ofSeconds(30));
    assertThat(entries(EntryKind.REDEMPTION_REFUND))
        .as("the first attempt committed before the worker died")
        .hasSize(1);
    killDoomedWorker();

    replacement = WorkerFactory.newInstance(testEnv.getWorkflowClient());
    Worker fresh = replacement.newWorker(TaskQueues.SAGAS, WORKER_OPTIONS);
    fresh.registerWorkflowImplementationTypes(CancelRedemptionWorkflowImpl.class);
    fresh.registerActivitiesImplementations(
        redemptionActivities, platformActivities, outcomeActivities);
    replacement.start();
    CancellationResult result =
        WorkflowStub.fromTyped(saga).getResult(60, TimeUnit.SECONDS, CancellationResult.class);

    assertThat(result.outcome()).as(result.message()).isEqualTo(CancellationOutcome.CANCELLED);
    assertThat(result.pointsRefunded()).isEqualTo(300);
    List<LedgerEntry> refunds = entries(EntryKind.REDEMPTION_REFUND);
    assertThat(refunds).as("one refund though refundPoints ran twice").hasSize(1);
    assertThat(refunds.get(0).points()).isEqualTo(300);
    assertThat(balance()).isEqualTo(1000);
    assertThat(db.ledger.sumOfEntries(shop.id(), customer)).isEqualTo(balance());
    assertThat(db.redemptions.find(id).orElseThrow().status()).isEqualTo(RedemptionStatus.REFUNDED);
    // refundPoints is a local activity (issue 12, LedgerSteps): it ran inside the dead worker's
    // workflow task, which never completed, so the new worker ran that task, and the refund, again
    List<HistoryEvent> history = history(WorkflowIds.cancelRedemption(shop.domain(), id));
    assertThat(history)
        .as("the dead worker never completed its workflow task: the new one ran it again")
        .anyMatch(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT);
    assertThat(history)
        .as("the refund's result recorded once, by the new worker")
        .filteredOn(HistoryEvent::hasMarkerRecordedEventAttributes)
        .filteredOn(
            e -> e.getMarkerRecordedEventAttributes().getMarkerName().equals("LocalActivity"))
        .filteredOn(
            e ->
                e.getMarkerRecordedEventAttributes()
                    .getDetailsMap()
                    .get("type")
                    .toString()
                    .contains("RefundPoints"))
        .hasSize(1);
  }

  @Test
  void aWorkerKilledAfterAnOrderEventWasAppliedClawsBackOnceOnTheNextWorker() throws Exception {
    String orderId = String.valueOf(900_000 + IDS.incrementAndGet());
    String refundKey = "refund:R" + orderId;
    CrashAfterCommit<OrderActivities> dies =
        CrashAfterCommit.after(
            OrderActivities.class,
            orderActivities,
            "apply",
            args -> ((OrderChange) args[2]).eventKey().equals(refundKey));
    crash = dies;
    Worker doomed = testEnv.newWorker(TaskQueues.SAGAS, WORKER_OPTIONS);
    doomed.registerWorkflowImplementationTypes(OrderWorkflowImpl.class);
    doomed.registerActivitiesImplementations(dies.activities());
    testEnv.start();

    signalWithStart(orderId, paid(orderId));
    awaitRealTime("points earned on order " + orderId, () -> !entries(EntryKind.EARN).isEmpty());
    signalWithStart(orderId, refunded(orderId, refundKey));
    dies.awaitCrash(Duration.ofSeconds(30));
    assertThat(entries(EntryKind.REFUND_CLAWBACK))
        .as("the first apply committed before the worker died")
        .hasSize(1);
    killDoomedWorker();

    replacement = WorkerFactory.newInstance(testEnv.getWorkflowClient());
    Worker fresh = replacement.newWorker(TaskQueues.SAGAS, WORKER_OPTIONS);
    fresh.registerWorkflowImplementationTypes(OrderWorkflowImpl.class);
    fresh.registerActivitiesImplementations(orderActivities);
    replacement.start();
    // The saga ends after its quiet spell (skipped time): it applied everything it was sent.
    testEnv
        .getWorkflowClient()
        .newUntypedWorkflowStub(WorkflowIds.order(shop.domain(), orderId))
        .getResult(60, TimeUnit.SECONDS, Void.class);

    List<LedgerEntry> clawbacks = entries(EntryKind.REFUND_CLAWBACK);
    assertThat(clawbacks).as("one clawback though apply ran twice").hasSize(1);
    assertThat(clawbacks.get(0).points()).isEqualTo(-40);
    assertThat(entries(EntryKind.EARN)).hasSize(1);
    assertThat(balance()).isEqualTo(60);
    assertThat(db.ledger.sumOfEntries(shop.id(), customer)).isEqualTo(balance());
    assertThat(
            db.jdbc
                .sql(
                    "select event_key from order_event where shop_id = ? and order_id = ?"
                        + " order by event_key")
                .params(shop.id(), orderId)
                .query(String.class)
                .list())
        .containsExactly("paid", refundKey);
    assertThat(history(WorkflowIds.order(shop.domain(), orderId)))
        .as("the dead worker never completed its workflow task: the new one ran it again")
        .anyMatch(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT);
  }

  // ------------------------------------------------------------------ crash

  /** The doomed worker stops polling; its stuck activity never reports. */
  private void killDoomedWorker() throws InterruptedException {
    testEnv.getWorkerFactory().shutdownNow();
    testEnv.getWorkerFactory().awaitTermination(1, TimeUnit.SECONDS);
  }

  private List<HistoryEvent> history(String workflowId) {
    return testEnv.getWorkflowClient().fetchHistory(workflowId).getHistory().getEventsList();
  }

  // ---------------------------------------------------------- order events

  private OrderWorkflow orderSaga(String orderId) {
    return testEnv
        .getWorkflowClient()
        .newWorkflowStub(OrderWorkflow.class, options(WorkflowIds.order(shop.domain(), orderId)));
  }

  /** As the starter's relay hands a delivery over: a new stub per delivery. */
  private void signalWithStart(String orderId, OrderEvent event) {
    OrderWorkflow saga = orderSaga(orderId);
    WorkflowClient client = testEnv.getWorkflowClient();
    BatchRequest request = client.newSignalWithStartRequest();
    request.add(saga::run, new OrderSagaInput(shop.domain(), orderId, List.of()));
    request.add(saga::eventReceived, event);
    client.signalWithStart(request);
  }

  private OrderEvent paid(String orderId) {
    OrderSnapshot order =
        new OrderSnapshot(
            orderId,
            customer,
            "USD",
            List.of(new OrderLine("1", new BigDecimal("100.00"))),
            List.of(),
            "paid",
            false,
            List.of());
    return new OrderEvent(
        1, OrderEventKind.PAID, "paid", shop.domain(), orderId, order, null, null, null);
  }

  private OrderEvent refunded(String orderId, String refundKey) {
    RefundSnapshot refund =
        new RefundSnapshot(
            "R" + orderId,
            List.of(new RefundLine("1", new BigDecimal("40.00"))),
            BigDecimal.ZERO,
            false);
    return new OrderEvent(
        2,
        OrderEventKind.REFUND_CREATED,
        refundKey,
        shop.domain(),
        orderId,
        null,
        refund,
        null,
        null);
  }

  // ------------------------------------------------------------- redemption

  /** Reserved and issued through the real activities: 300 of 1000 points spent. */
  private String issuedRedemption() {
    db.ledger.post(
        new Posting(
            shop.id(),
            customer,
            1000,
            EntryKind.EARN,
            "order:" + customer + ":earn",
            "earned on an order",
            null,
            Instant.parse("2031-01-01T00:00:00Z"),
            BalanceRule.ALLOW_NEGATIVE));
    String id = "rdm_crash_" + IDS.incrementAndGet();
    Reservation reservation =
        redemptionActivities.reserve(
            new ReserveRedemption(shop.domain(), customer, reward.id(), id));
    assertThat(reservation.status()).isEqualTo(Reservation.Status.RESERVED);
    redemptionActivities.markIssued(id, GID);
    assertThat(balance()).isEqualTo(700);
    return id;
  }

  private String couponOf(String id) {
    return db.redemptions.find(id).orElseThrow().couponCode();
  }

  private static void stubShopifyCouponActiveUnusedAndRevocable(String code) {
    shopify.stubFor(
        graphql("codeDiscountNodeByCode(code: $code)")
            .willReturn(
                okJson(
                    """
                    {"data":{"codeDiscountNodeByCode":{"id":"%s","codeDiscount":{
                      "__typename":"DiscountCodeBasic","status":"ACTIVE","asyncUsageCount":0}}}}
                    """
                        .formatted(GID))));
    shopify.stubFor(
        graphql("discountCodeDeactivate(id: $id)")
            .willReturn(
                okJson(
                    """
                    {"data":{"discountCodeDeactivate":{"codeDiscountNode":{"id":"%s"},"userErrors":[]}}}
                    """
                        .formatted(GID))));
    assertThat(code).isNotBlank();
  }

  private static MappingBuilder graphql(String operation) {
    return post(urlEqualTo(GRAPHQL))
        .withHeader("X-Shopify-Access-Token", equalTo("shpat_test"))
        .withRequestBody(containing(operation));
  }

  // ------------------------------------------------------------------ ledger

  private long balance() {
    return db.ledger.findCustomer(shop.id(), customer).orElseThrow().pointsBalance();
  }

  private List<LedgerEntry> entries(EntryKind kind) {
    return db.ledger.entries(shop.id(), customer, 1000).stream()
        .filter(e -> e.kind() == kind)
        .toList();
  }

  private static WorkflowOptions options(String workflowId) {
    return WorkflowOptions.newBuilder()
        .setTaskQueue(TaskQueues.SAGAS)
        .setWorkflowId(workflowId)
        .build();
  }

  private static void awaitRealTime(String what, java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
