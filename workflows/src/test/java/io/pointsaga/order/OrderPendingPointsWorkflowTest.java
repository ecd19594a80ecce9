package io.pointsaga.order;

import static io.pointsaga.order.OrderFixtures.CUSTOMER;
import static io.pointsaga.order.OrderFixtures.ORDER;
import static io.pointsaga.order.OrderFixtures.SHOP;
import static io.pointsaga.order.OrderFixtures.line;
import static io.pointsaga.order.OrderFixtures.order;
import static io.pointsaga.order.OrderFixtures.paid;
import static io.pointsaga.order.OrderFixtures.refund;
import static io.pointsaga.order.OrderFixtures.refundCreated;
import static io.pointsaga.order.OrderFixtures.refunded;
import static io.pointsaga.order.OrderWorkflowTest.ORDER_50;
import static io.pointsaga.order.OrderWorkflowTest.R20;
import static io.pointsaga.order.OrderWorkflowTest.WORKER_OPTIONS;
import static io.pointsaga.order.OrderWorkflowTest.awaitRealTime;
import static org.assertj.core.api.Assertions.assertThat;

import io.pointsaga.failure.ActivityFailureInterceptor;
import io.pointsaga.settings.ShopSettings;
import io.pointsaga.temporal.TaskQueues;
import io.pointsaga.temporal.TestSearchAttributes;
import io.pointsaga.temporal.WorkflowIds;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.converter.GlobalDataConverter;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * SPEC §13 pendingPeriod in the order saga, with skipped time: the saga holds the approval timer
 * past its quiet spell, across continue-as-new, whatever the setting says later; and it waits on
 * one timer at a time instead of one per event.
 */
@Timeout(60)
class OrderPendingPointsWorkflowTest {
  static final Duration WEEK = Duration.ofDays(7);

  TestWorkflowEnvironment testEnv;
  WorkflowClient client;
  FakeOrderActivities ledger;

  void start(Class<? extends OrderWorkflowImpl> workflow, Duration pendingPeriod) {
    testEnv =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setWorkerFactoryOptions(
                    WorkerFactoryOptions.newBuilder()
                        .setWorkerInterceptors(new ActivityFailureInterceptor())
                        .build())
                .build());
    TestSearchAttributes.registerOn(testEnv);
    client = testEnv.getWorkflowClient();
    ledger = new FakeOrderActivities();
    ledger.settings = pendingFor(pendingPeriod);
    Worker worker = testEnv.newWorker(TaskQueues.SAGAS, WORKER_OPTIONS);
    worker.registerWorkflowImplementationTypes(workflow);
    worker.registerActivitiesImplementations(ledger, new FakePlatformOrders(ledger));
    testEnv.start();
  }

  static ShopSettings pendingFor(Duration period) {
    return new ShopSettings(null, null, null, null, null, false, null, null, period.toString());
  }

  @AfterEach
  void stopTemporal() {
    testEnv.close();
  }

  @Test
  void theSagaOutlivesItsQuietSpellAndApprovesThePointsWhenThePeriodEnds() throws Exception {
    start(OrderWorkflowImpl.class, WEEK);
    WorkflowExecution run = signalWithStart(paid(ORDER_50));
    awaitRealTime("the payment to be applied", () -> ledger.calls().contains("apply paid 0"));
    Instant paidAt = now();
    assertThat(ledger.orders.get(ORDER).pointsPending()).isEqualTo(50);
    assertThat(balance()).isZero();

    testEnv.sleep(WEEK.minusMinutes(1));
    assertThat(status(run))
        .as("still running long after the quiet spell: the points wait for approval")
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
    assertThat(balance()).as("nothing approved a minute before the week ends").isZero();

    testEnv.sleep(Duration.ofMinutes(2));
    awaitRealTime("the approval", () -> ledger.calls().contains("apply pending-approved 50"));
    assertThat(balance()).isEqualTo(50);
    assertThat(ledger.orders.get(ORDER).pointsPending()).isZero();
    assertThat(ledger.timesApplied(OrderEventKeys.PENDING_APPROVED_EVENT)).isEqualTo(1);

    waitForTheRunsToEnd(run);
    assertThat(Duration.between(paidAt, now()))
        .as("the run ended a quiet spell after the approval")
        .isGreaterThanOrEqualTo(WEEK.plus(OrderWorkflowImpl.QUIET_SPELL));
    assertThat(count(history(run), EventType.EVENT_TYPE_TIMER_STARTED))
        .as("one timer for the approval, one for the quiet spell after it")
        .isEqualTo(2);
    RecordedHistories.keep(client, run, "order-pending-points-approved.json");
  }

  @Test
  void aRefundDuringThePeriodReducesThePendingPointsAndTheRestIsApproved() throws Exception {
    start(OrderWorkflowImpl.class, WEEK);
    WorkflowExecution run = signalWithStart(paid(ORDER_50));
    awaitRealTime("the payment to be applied", () -> ledger.calls().contains("apply paid 0"));

    testEnv.sleep(Duration.ofDays(2));
    signalWithStart(refundCreated(R20));
    awaitRealTime("the refund", () -> ledger.calls().contains("apply refund:r20 0"));
    assertThat(ledger.orders.get(ORDER).pointsPending()).isEqualTo(33);
    assertThat(balance()).as("a refund during the period never touches the balance").isZero();

    waitForTheRunsToEnd(run);
    assertThat(ledger.calls()).contains("apply pending-approved 33");
    assertThat(balance()).isEqualTo(33);
  }

  @Test
  void theTimerGoesOnAcrossContinueAsNew() throws Exception {
    start(OrderWorkflowWithShortHistory.class, WEEK);
    OrderSnapshot order = order(line("big", "100.00"));
    WorkflowExecution first = signalWithStart(paid(order));
    awaitRealTime("the payment to be applied", () -> ledger.calls().contains("apply paid 0"));
    Instant paidAt = now();
    List<OrderEvent> refunds =
        IntStream.rangeClosed(1, 12)
            .mapToObj(i -> refundCreated(refund("r" + i, refunded("big", "1.00"))))
            .toList();
    for (OrderEvent refund : refunds) {
      signalWithStart(refund);
      awaitRealTime(refund.eventKey(), () -> ledger.timesApplied(refund.eventKey()) == 1);
    }
    awaitRealTime(
        "the run to continue as new",
        () -> status(first) == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW);

    List<HistoryEvent> firstRun = history(first);
    HistoryEvent last = firstRun.get(firstRun.size() - 1);
    OrderSagaInput next =
        GlobalDataConverter.get()
            .fromPayloads(
                0,
                Optional.of(last.getWorkflowExecutionContinuedAsNewEventAttributes().getInput()),
                OrderSagaInput.class,
                OrderSagaInput.class);
    assertThat(next.pendingApprovalAt())
        .as("the approval's time is carried over to the next run")
        .isEqualTo(ledger.orders.get(ORDER).pendingUntil())
        .isBetween(paidAt.plus(WEEK).minusSeconds(1), paidAt.plus(WEEK).plusSeconds(1));

    testEnv.sleep(WEEK.minusHours(1));
    assertThat(balance()).as("not approved before the week ends").isZero();
    waitForTheRunsToEnd(first);
    assertThat(ledger.calls()).contains("apply pending-approved 88");
    assertThat(balance()).isEqualTo(88);
  }

  @Test
  void changingTheSettingAffectsOnlyOrdersPaidAfterwards() throws Exception {
    start(OrderWorkflowImpl.class, WEEK);
    WorkflowExecution run = signalWithStart(paid(ORDER_50));
    awaitRealTime("the first payment", () -> ledger.calls().contains("apply paid 0"));

    ledger.settings = pendingFor(Duration.ZERO);
    OrderSnapshot second =
        new OrderSnapshot(
            "1002", CUSTOMER, "USD", ORDER_50.lines(), List.of(), "paid", false, List.of());
    signalWithStart(paid(second));
    awaitRealTime("the second payment", () -> ledger.calls().contains("apply paid 50"));
    assertThat(balance()).as("paid after the change: earned at once").isEqualTo(50);

    ledger.settings = pendingFor(Duration.ofDays(30));
    testEnv.sleep(Duration.ofDays(1));
    assertThat(ledger.orders.get(ORDER).pointsPending()).isEqualTo(50);
    waitForTheRunsToEnd(run);
    assertThat(ledger.calls()).contains("apply pending-approved 50");
    assertThat(balance()).as("the first order kept the week it was paid with").isEqualTo(100);
  }

  @Test
  void aBurstOfEventsWaitsOnOneTimerNotOnePerEvent() throws Exception {
    start(OrderWorkflowImpl.class, Duration.ZERO);
    OrderSnapshot order = order(line("big", "100.00"));
    WorkflowExecution run = signalWithStart(paid(order));
    for (int i = 1; i <= 20; i++) {
      OrderEvent refund = refundCreated(refund("r" + i, refunded("big", "1.00")));
      signalWithStart(refund);
      awaitRealTime(refund.eventKey(), () -> ledger.timesApplied(refund.eventKey()) == 1);
    }

    waitForTheRunsToEnd(run);

    assertThat(balance()).isEqualTo(80);
    assertThat(count(history(run), EventType.EVENT_TYPE_TIMER_STARTED))
        .as(
            "21 events: the timer set at the first event, then one for the rest of the quiet"
                + " spell the last event started (there was one timer per event before)")
        .isEqualTo(2);
  }

  // ---- helpers ----

  long balance() {
    return ledger.balances.getOrDefault(CUSTOMER, 0L);
  }

  WorkflowExecution signalWithStart(OrderEvent event) {
    OrderWorkflow saga =
        client.newWorkflowStub(
            OrderWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(WorkflowIds.order(SHOP, event.orderId()))
                .setTaskQueue(TaskQueues.SAGAS)
                .setWorkflowIdReusePolicy(
                    WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
                .build());
    BatchRequest request = client.newSignalWithStartRequest();
    request.add(saga::run, new OrderSagaInput(SHOP, event.orderId(), List.of()));
    request.add(saga::eventReceived, event);
    return client.signalWithStart(request);
  }

  void waitForTheRunsToEnd(WorkflowExecution run) {
    client.newUntypedWorkflowStub(run, Optional.empty()).getResult(Void.class);
  }

  WorkflowExecutionStatus status(WorkflowExecution run) {
    return client.newUntypedWorkflowStub(run, Optional.empty()).describe().getStatus();
  }

  List<HistoryEvent> history(WorkflowExecution run) {
    return client.fetchHistory(run.getWorkflowId(), run.getRunId()).getEvents();
  }

  Instant now() {
    return Instant.ofEpochMilli(testEnv.currentTimeMillis());
  }

  static long count(List<HistoryEvent> events, EventType type) {
    return events.stream().filter(e -> e.getEventType() == type).count();
  }
}
