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
import static io.pointsaga.order.OrderFixtures.statusChanged;
import static org.assertj.core.api.Assertions.assertThat;

import io.pointsaga.failure.ActivityFailureInterceptor;
import io.pointsaga.failure.FailureKind;
import io.pointsaga.temporal.TaskQueues;
import io.pointsaga.temporal.WorkflowIds;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DeadlockLoserDataAccessException;

/**
 * The order saga on an in-memory Temporal service with skipped time, a non-sticky worker on the
 * sagas' queue (every workflow task replays the history, so the tests also check determinism), and
 * fake ledger and platform activities.
 */
@Timeout(30)
class OrderWorkflowTest {
  static final WorkerOptions WORKER_OPTIONS =
      WorkerOptions.newBuilder().setStickyQueueScheduleToStartTimeout(Duration.ZERO).build();
  static final String WORKFLOW_ID = WorkflowIds.order(SHOP, ORDER);

  static {
    // the scripted non-retryable failures are expected; keep their stack traces out of the output
    for (String name :
        List.of("io.temporal.internal.activity", OrderWorkflowImpl.class.getName())) {
      if (LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger logger) {
        logger.setLevel(ch.qos.logback.classic.Level.OFF);
      }
    }
  }

  static final OrderSnapshot ORDER_50 = order(line("item40", "33.33"), line("item20", "16.67"));
  static final RefundSnapshot R20 = refund("r20", refunded("item20", "16.67"));
  static final RefundSnapshot R40 = refund("r40", refunded("item40", "33.33"));

  TestWorkflowEnvironment testEnv;
  WorkflowClient client;
  FakeOrderActivities ledger;
  FakePlatformOrders platform;

  @BeforeEach
  void startTemporal() {
    // as in the worker and the embedded mode: every activity failure classified once
    testEnv =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setWorkerFactoryOptions(
                    WorkerFactoryOptions.newBuilder()
                        .setWorkerInterceptors(new ActivityFailureInterceptor())
                        .build())
                .build());
    io.pointsaga.temporal.TestSearchAttributes.registerOn(testEnv);
    client = testEnv.getWorkflowClient();
    ledger = new FakeOrderActivities();
    platform = new FakePlatformOrders(ledger);
    Worker worker = testEnv.newWorker(TaskQueues.SAGAS, WORKER_OPTIONS);
    worker.registerWorkflowImplementationTypes(OrderWorkflowImpl.class);
    worker.registerActivitiesImplementations(ledger, platform);
    testEnv.start();
  }

  @AfterEach
  void stopTemporal() {
    testEnv.close();
  }

  @Test
  void appliesEventsOneAtATimeInArrivalOrderEachKeyOnce() throws InterruptedException {
    CountDownLatch gate = new CountDownLatch(1);
    ledger.loadGate = gate; // the first event's load waits until every event has arrived

    WorkflowExecution run = signalWithStart(paid(ORDER_50));
    awaitRealTime("the first load to start", () -> ledger.maxConcurrent.get() == 1);
    assertThat(signalWithStart(refundCreated(R20)).getRunId()).isEqualTo(run.getRunId());
    signalWithStart(refundCreated(R20)); // a webhook redelivery
    signalWithStart(statusChanged(ORDER_50, "refunded", R20, R40));
    signalWithStart(paid(ORDER_50)); // another redelivery
    // The ledger steps are local activities: while the first one is held, the workflow task is
    // open and cannot answer queries; the four signals wait for the next task.
    Thread.sleep(1_000);
    gate.countDown();

    waitForTheRunToEnd(run);

    assertThat(ledger.calls())
        .containsExactly(
            "load " + ORDER,
            "apply paid 50",
            "vip " + CUSTOMER + " 1001:paid",
            "load " + ORDER,
            "apply refund:r20 -17",
            "vip " + CUSTOMER + " 1001:refund:r20",
            "load " + ORDER, // the redelivered refund decides nothing
            "load " + ORDER,
            "apply refund:r40 -33",
            "vip " + CUSTOMER + " 1001:status:refunded",
            "load " + ORDER); // the redelivered payment decides nothing
    assertThat(ledger.maxConcurrent.get()).as("activities running at once").isEqualTo(1);
    assertThat(List.of("paid", "refund:r20", "refund:r40"))
        .allMatch(key -> ledger.timesApplied(key) == 1);
    assertThat(ledger.balances.get(CUSTOMER)).isZero();
    assertThat(ledger.orders.get(ORDER).status()).isEqualTo(OrderStatus.REFUNDED);
  }

  @Test
  void bigCommerceEventsAreResolvedThroughThePlatformFirst() {
    OrderSnapshot bcOrder = order(line("bc-line-1", "40.00"), line("bc-line-2", "20.00"));
    OrderEvent statusIds =
        new OrderEvent(
            11,
            OrderEventKind.BIGCOMMERCE_STATUS_CHANGED,
            "status:11",
            SHOP,
            ORDER,
            null,
            null,
            null,
            11);
    OrderEvent refundIds =
        new OrderEvent(
            12,
            OrderEventKind.BIGCOMMERCE_REFUND_CREATED,
            "refund:bc-77",
            SHOP,
            ORDER,
            null,
            null,
            "77",
            null);
    platform.resolved.put("status:11", paid(bcOrder));
    platform.resolved.put(
        "refund:bc-77", refundCreated(refund("bc-77", refunded("bc-line-2", "20.00"))));

    WorkflowExecution run = signalWithStart(statusIds);
    signalWithStart(refundIds);
    signalWithStart(
        refundCreated(refund("r9", refunded("bc-line-1", "40.00")))); // already resolved
    waitForTheRunToEnd(run);

    assertThat(ledger.calls())
        .containsExactly(
            "resolve status:11",
            "load " + ORDER,
            "apply paid 60",
            "vip " + CUSTOMER + " 1001:paid",
            "resolve refund:bc-77",
            "load " + ORDER,
            "apply refund:bc-77 -20",
            "vip " + CUSTOMER + " 1001:refund:bc-77",
            "load " + ORDER,
            "apply refund:r9 -40",
            "vip " + CUSTOMER + " 1001:refund:r9");
    assertThat(ledger.balances.get(CUSTOMER)).isZero();
  }

  @Test
  void anEventThatFailsForGoodDoesNotStopTheNextOnes() {
    ledger.applyFailsFor.add("refund:r20");

    WorkflowExecution run = signalWithStart(paid(ORDER_50));
    signalWithStart(
        new OrderEvent(
            13,
            OrderEventKind.BIGCOMMERCE_REFUND_CREATED,
            "refund:bc-gone",
            SHOP,
            ORDER,
            null,
            null,
            "404",
            null));
    signalWithStart(refundCreated(R20));
    signalWithStart(refundCreated(R40));
    waitForTheRunToEnd(run);

    assertThat(ledger.calls())
        .containsExactly(
            "load " + ORDER,
            "apply paid 50",
            "vip " + CUSTOMER + " 1001:paid",
            "resolve refund:bc-gone", // unknown to the platform: not retried, kept for a person
            "attention refund:bc-gone PlatformRejected",
            "load " + ORDER,
            "apply refund:r20 -17", // the ledger refuses it for good: kept for a person
            "attention refund:r20 UnknownShop",
            // 33.33 of 50.00 refunded: the remaining 16.67 keeps 16 of the 50 points
            "load " + ORDER,
            "apply refund:r40 -34",
            "vip " + CUSTOMER + " 1001:refund:r40");
    assertThat(ledger.timesApplied("refund:r20")).isZero();
    assertThat(ledger.balances.get(CUSTOMER)).isEqualTo(16);
    assertThat(client.newUntypedWorkflowStub(WORKFLOW_ID).describe().getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
  }

  @Test
  void eachDeliveryIsMarkedHandledOnceTheSagaIsDoneWithItWhateverCameOfIt() {
    ledger.applyFailsFor.add("refund:r20");

    WorkflowExecution run = signalWithStart(paid(ORDER_50));
    signalWithStart(refundCreated(R20)); // fails for good: kept for a person, and handled
    signalWithStart(paid(ORDER_50)); // a redelivery that decides nothing, and handled
    waitForTheRunToEnd(run);

    assertThat(ledger.handled)
        .as("inbox id, and how many ledger calls came before (a restart re-sends the others)")
        .containsExactly("1 after 3 calls", "2 after 6 calls", "1 after 7 calls");
  }

  @Test
  void aRefundOfALineTheOrderDoesNotHaveIsKeptForAPersonAndTheNextRefundStillApplies() {
    WorkflowExecution run = signalWithStart(paid(ORDER_50));
    signalWithStart(refundCreated(refund("r-bad", refunded("not-on-the-order", "16.67"))));
    signalWithStart(refundCreated(refund("r-over", refunded("item20", "20.01"))));
    signalWithStart(refundCreated(R20));
    waitForTheRunToEnd(run);

    assertThat(ledger.calls())
        .containsExactly(
            "load " + ORDER,
            "apply paid 50",
            "vip " + CUSTOMER + " 1001:paid",
            "load " + ORDER,
            "attention refund:r-bad OrderEvent.UNKNOWN_LINE_ITEM",
            "load " + ORDER,
            "attention refund:r-over OrderEvent.MORE_THAN_PAID",
            "load " + ORDER,
            "apply refund:r20 -17",
            "vip " + CUSTOMER + " 1001:refund:r20");
    assertThat(ledger.balances.get(CUSTOMER)).isEqualTo(33);
    FailedOrderEvent kept = ledger.attention.get("refund:r-bad");
    assertThat(kept.subject()).isEqualTo("refund r-bad of order " + ORDER);
    assertThat(kept.problem()).contains("line item not-on-the-order", "does not have");
    assertThat(kept.workflowId()).isEqualTo(WORKFLOW_ID);
    assertThat(ledger.attention.get("refund:r-over").problem())
        .contains("20.01", "more than was paid");
  }

  @Test
  void aStepThatFailsForAReasonRetryingCannotFixEndsWithinAMinuteAndTheNextEventApplies() {
    ledger.applyThrows.add(
        new DataIntegrityViolationException(
            "PreparedStatementCallback; SQL [insert into ledger_entry ...]; value too long"));
    long started = testEnv.currentTimeMillis();

    WorkflowExecution run = signalWithStart(paid(ORDER_50));
    signalWithStart(refundCreated(R20));
    waitForTheRunToEnd(run);

    assertThat(ledger.calls())
        .containsExactly(
            "load " + ORDER,
            "apply paid 50",
            "attention paid " + FailureKind.CONSTRAINT_VIOLATED.type(),
            "load " + ORDER,
            "apply refund:r20 0"); // not paid: counted when the payment arrives
    FailedOrderEvent kept = ledger.attention.get("paid");
    assertThat(kept.problem())
        .startsWith("Apply paid to order " + ORDER + " failed for good")
        .doesNotContain("SQL", "insert", "Exception");
    assertThat(Duration.ofMillis(testEnv.currentTimeMillis() - started))
        .as("workflow time until the run ended after its quiet spell")
        .isLessThan(OrderWorkflowImpl.QUIET_SPELL.plusMinutes(1));
  }

  @Test
  void aDeadlockIsRetriedUntilTheStepSucceeds() {
    ledger.applyThrows.add(new DeadlockLoserDataAccessException("deadlock detected", null));
    ledger.applyThrows.add(new DeadlockLoserDataAccessException("deadlock detected", null));

    WorkflowExecution run = signalWithStart(paid(ORDER_50));
    waitForTheRunToEnd(run);

    assertThat(ledger.calls())
        .containsExactly(
            "load " + ORDER,
            "apply paid 50",
            "apply paid 50",
            "apply paid 50",
            "vip " + CUSTOMER + " 1001:paid");
    assertThat(ledger.balances.get(CUSTOMER)).isEqualTo(50);
    assertThat(ledger.attention).isEmpty();
  }

  @Test
  void theRunEndsAfterTheQuietSpellAndALaterEventStartsANewRunFromTheStoredState()
      throws InterruptedException {
    WorkflowExecution first = signalWithStart(paid(ORDER_50));
    awaitRealTime(
        "the payment to be applied",
        () -> ledger.calls().contains("vip " + CUSTOMER + " 1001:paid"));
    Instant applied = now();

    testEnv.sleep(OrderWorkflowImpl.QUIET_SPELL.minusMinutes(1));
    assertThat(describe(first).getStatus())
        .as("still running one minute before the quiet spell ends")
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
    testEnv.sleep(Duration.ofMinutes(2));
    awaitRealTime(
        "the run to end after the quiet spell",
        () ->
            describe(first).getStatus()
                == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
    assertThat(Duration.between(applied, now()))
        .isGreaterThanOrEqualTo(OrderWorkflowImpl.QUIET_SPELL);

    WorkflowExecution second = signalWithStart(refundCreated(R20));
    assertThat(second.getRunId()).isNotEqualTo(first.getRunId());
    signalWithStart(paid(ORDER_50)); // a late redelivery of the payment: already in the ledger
    waitForTheRunToEnd(second);

    assertThat(ledger.calls())
        .containsExactly(
            "load " + ORDER,
            "apply paid 50",
            "vip " + CUSTOMER + " 1001:paid",
            "load " + ORDER,
            "apply refund:r20 -17",
            "vip " + CUSTOMER + " 1001:refund:r20",
            "load " + ORDER);
    assertThat(ledger.timesApplied("paid")).isEqualTo(1);
    assertThat(ledger.balances.get(CUSTOMER)).isEqualTo(33);
    assertThat(ledger.orders.get(ORDER).pointsHeld()).isEqualTo(33);
  }

  // ---- helpers ----

  /** What the webhook relay does: start the order's saga, or signal the one running. */
  WorkflowExecution signalWithStart(OrderEvent event) {
    OrderWorkflow saga =
        client.newWorkflowStub(
            OrderWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(WORKFLOW_ID)
                .setTaskQueue(TaskQueues.SAGAS)
                .setWorkflowIdReusePolicy(
                    WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
                .build());
    BatchRequest request = client.newSignalWithStartRequest();
    request.add(saga::run, new OrderSagaInput(SHOP, event.orderId(), List.of()));
    request.add(saga::eventReceived, event);
    return client.signalWithStart(request);
  }

  /** Waits for the run's result, skipping time through the quiet spell. */
  void waitForTheRunToEnd(WorkflowExecution run) {
    client.newUntypedWorkflowStub(run, Optional.empty()).getResult(Void.class);
  }

  io.temporal.client.WorkflowExecutionDescription describe(WorkflowExecution run) {
    return client.newUntypedWorkflowStub(run, Optional.empty()).describe();
  }

  Instant now() {
    return Instant.ofEpochMilli(testEnv.currentTimeMillis());
  }

  static void awaitRealTime(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
      Thread.sleep(10);
    }
  }
}
