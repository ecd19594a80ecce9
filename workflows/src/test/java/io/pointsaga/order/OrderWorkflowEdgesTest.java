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
import static io.pointsaga.order.OrderWorkflowTest.R20;
import static io.pointsaga.order.OrderWorkflowTest.WORKER_OPTIONS;
import static io.pointsaga.order.OrderWorkflowTest.WORKFLOW_ID;
import static io.pointsaga.order.OrderWorkflowTest.awaitRealTime;
import static org.assertj.core.api.Assertions.assertThat;

import io.pointsaga.failure.ActivityFailureInterceptor;
import io.pointsaga.temporal.TaskQueues;
import io.pointsaga.temporal.TestSearchAttributes;
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
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The order saga's edges, each built so that it really happens (checked in the history) rather than
 * hoped for: continue-as-new past the history limit with events still pending, and an event that
 * arrives in the same workflow task as the end of the quiet spell. Both runs are kept as replay
 * fixtures (see {@link RecordedHistories}).
 */
@Timeout(60)
class OrderWorkflowEdgesTest {
  static final WorkerFactoryOptions FACTORY_OPTIONS =
      WorkerFactoryOptions.newBuilder()
          .setWorkerInterceptors(new ActivityFailureInterceptor())
          .build();

  TestWorkflowEnvironment testEnv;
  WorkflowClient client;
  FakeOrderActivities ledger;
  FakePlatformOrders platform;
  WorkerFactory secondWorker;

  @BeforeEach
  void temporalWithoutWorkersYet() {
    testEnv =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setWorkerFactoryOptions(FACTORY_OPTIONS).build());
    TestSearchAttributes.registerOn(testEnv);
    client = testEnv.getWorkflowClient();
    ledger = new FakeOrderActivities();
    platform = new FakePlatformOrders(ledger);
  }

  @AfterEach
  void stopTemporal() {
    if (secondWorker != null) {
      secondWorker.shutdownNow();
    }
    testEnv.close();
  }

  // ------------------------------------------------------------- continue-as-new

  @Test
  void pastTheHistoryLimitTheRunContinuesAsNewWithThePendingEventsAndAppliesEachOnce() {
    OrderSnapshot order = order(line("big", "100.00"));
    List<OrderEvent> refunds =
        IntStream.rangeClosed(1, 29)
            .mapToObj(i -> refundCreated(refund("r" + i, refunded("big", "1.00"))))
            .toList();
    // All 30 events are in the history before any worker polls: the first workflow task sees a
    // history longer than the limit, applies the payment and must carry the 29 refunds over.
    WorkflowExecution first = signalWithStart(paid(order));
    refunds.forEach(this::signalWithStart);
    assertThat(history(first).size())
        .as("history before the first workflow task")
        .isGreaterThan(OrderWorkflowWithShortHistory.LIMIT);
    startWorker(testEnv.getWorkerFactory(), OrderWorkflowWithShortHistory.class);
    testEnv.start();

    waitForTheRunsToEnd(first);

    assertThat(describe(first).getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW);
    List<HistoryEvent> firstRun = history(first);
    HistoryEvent last = firstRun.get(firstRun.size() - 1);
    assertThat(last.getEventType())
        .isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW);
    OrderSagaInput next =
        GlobalDataConverter.get()
            .fromPayloads(
                0,
                Optional.of(last.getWorkflowExecutionContinuedAsNewEventAttributes().getInput()),
                OrderSagaInput.class,
                OrderSagaInput.class);
    assertThat(next.carriedOver())
        .as("the events pending when the run continued as new, in arrival order")
        .extracting(OrderEvent::eventKey)
        .containsExactlyElementsOf(refunds.stream().map(OrderEvent::eventKey).toList());
    WorkflowExecution second =
        WorkflowExecution.newBuilder()
            .setWorkflowId(WORKFLOW_ID)
            .setRunId(
                last.getWorkflowExecutionContinuedAsNewEventAttributes().getNewExecutionRunId())
            .build();
    assertThat(describe(second).getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);

    List<String> applies = new ArrayList<>(List.of("apply paid 100"));
    refunds.forEach(r -> applies.add("apply " + r.eventKey() + " -1"));
    assertThat(ledger.calls().stream().filter(call -> call.startsWith("apply ")))
        .as("every event applied once, in arrival order, across the two runs")
        .containsExactlyElementsOf(applies);
    assertThat(ledger.timesApplied("paid")).isEqualTo(1);
    assertThat(refunds).allMatch(r -> ledger.timesApplied(r.eventKey()) == 1);
    assertThat(ledger.balances.get(CUSTOMER)).isEqualTo(100 - refunds.size());

    RecordedHistories.keep(client, first, "order-history-limit-continued-as-new.json");
    RecordedHistories.keep(client, second, "order-history-limit-carried-over.json");
  }

  // ------------------------------------------------- an event at the end of the quiet spell

  @Test
  void anEventInTheSameWorkflowTaskAsTheEndOfTheQuietSpellIsApplied() throws Exception {
    startWorker(testEnv.getWorkerFactory(), OrderWorkflowImpl.class);
    testEnv.start();
    WorkflowExecution run = signalWithStart(paid(OrderWorkflowTest.ORDER_50));
    awaitRealTime(
        "the payment to be applied and the quiet spell's timer started",
        () -> types(history(run)).contains(EventType.EVENT_TYPE_TIMER_STARTED));

    // No worker from here on: the timer fires, and the event arrives, before any task is taken.
    testEnv.getWorkerFactory().shutdownNow();
    testEnv.getWorkerFactory().awaitTermination(10, TimeUnit.SECONDS);
    assertThat(testEnv.getWorkerFactory().isTerminated()).isTrue();
    testEnv.sleep(OrderWorkflowImpl.QUIET_SPELL);
    awaitRealTime(
        "the quiet spell's timer to fire",
        () -> types(history(run)).contains(EventType.EVENT_TYPE_TIMER_FIRED));
    client.newWorkflowStub(OrderWorkflow.class, WORKFLOW_ID).eventReceived(refundCreated(R20));

    secondWorker = WorkerFactory.newInstance(client, FACTORY_OPTIONS);
    startWorker(secondWorker, OrderWorkflowImpl.class);
    secondWorker.start();
    waitForTheRunsToEnd(run);

    List<HistoryEvent> events = history(run);
    assertThat(eventsOfTheTaskAfterTheTimerFired(events))
        .as("the timer's end and the event reach the workflow in one workflow task")
        .contains(
            EventType.EVENT_TYPE_TIMER_FIRED, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED);
    assertThat(ledger.timesApplied("refund:r20"))
        .as("the refund that arrived as the quiet spell ended is applied, not dropped")
        .isEqualTo(1);
    assertThat(ledger.calls())
        .containsExactly(
            "load " + ORDER,
            "apply paid 50",
            "vip " + CUSTOMER + " 1001:paid",
            "load " + ORDER,
            "apply refund:r20 -17",
            "vip " + CUSTOMER + " 1001:refund:r20");
    assertThat(ledger.balances.get(CUSTOMER)).isEqualTo(33);
    assertThat(describe(run).getStatus())
        .as("the same run applied it, then ended after a quiet spell of its own")
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);

    RecordedHistories.keep(client, run, "order-event-as-the-quiet-spell-ends.json");
  }

  /**
   * The events the workflow saw in the first workflow task that completed after the timer fired:
   * everything after the previous completed task up to that task's start.
   */
  static List<EventType> eventsOfTheTaskAfterTheTimerFired(List<HistoryEvent> events) {
    List<EventType> types = types(events);
    int fired = types.indexOf(EventType.EVENT_TYPE_TIMER_FIRED);
    assertThat(fired).as("the timer fired").isNotNegative();
    int completedBefore =
        types.subList(0, fired).lastIndexOf(EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED);
    int completedAfter =
        fired
            + types
                .subList(fired, types.size())
                .indexOf(EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED);
    assertThat(completedAfter)
        .as("a workflow task completed after the timer fired")
        .isGreaterThan(fired);
    int started =
        types.subList(0, completedAfter).lastIndexOf(EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED);
    return types.subList(completedBefore + 1, started);
  }

  // ---- helpers ----

  void startWorker(WorkerFactory factory, Class<?> workflow) {
    Worker worker = factory.newWorker(TaskQueues.SAGAS, WORKER_OPTIONS);
    worker.registerWorkflowImplementationTypes(workflow);
    worker.registerActivitiesImplementations(ledger, platform);
  }

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

  /** Waits for the run and the runs it continued as, skipping time through the quiet spells. */
  void waitForTheRunsToEnd(WorkflowExecution run) {
    client.newUntypedWorkflowStub(run, Optional.empty()).getResult(Void.class);
  }

  io.temporal.client.WorkflowExecutionDescription describe(WorkflowExecution run) {
    return client.newUntypedWorkflowStub(run, Optional.empty()).describe();
  }

  List<HistoryEvent> history(WorkflowExecution run) {
    return client.fetchHistory(run.getWorkflowId(), run.getRunId()).getEvents();
  }

  static List<EventType> types(List<HistoryEvent> events) {
    return events.stream().map(HistoryEvent::getEventType).toList();
  }
}
