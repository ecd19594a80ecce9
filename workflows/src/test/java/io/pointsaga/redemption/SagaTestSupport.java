package io.pointsaga.redemption;

import static org.assertj.core.api.Assertions.assertThat;

import io.pointsaga.temporal.TaskQueues;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * An in-memory Temporal service with skipped time, a worker on the sagas' task queue running both
 * sagas, and fake ledger and platform activities that share one call log.
 *
 * <p>Workers run without sticky execution: the test service never moves a workflow task off the
 * sticky queue of a worker that went away (the real service does after the sticky schedule-to-start
 * timeout), which would hang the worker-restart test. As a bonus every workflow task replays the
 * history from the start, so every test also checks the sagas replay deterministically.
 */
@Timeout(30)
abstract class SagaTestSupport {
  static final String SHOP = "demo-shop.myshopify.com";
  static final WorkerOptions WORKER_OPTIONS =
      WorkerOptions.newBuilder().setStickyQueueScheduleToStartTimeout(Duration.ZERO).build();

  static {
    // The scripted activity failures are expected; Temporal logs each attempt as a WARN with a
    // stack trace (hundreds of them for the day-long retry), which would bury real problems.
    if (LoggerFactory.getLogger("io.temporal.internal.activity")
        instanceof ch.qos.logback.classic.Logger activityLog) {
      activityLog.setLevel(ch.qos.logback.classic.Level.ERROR);
    }
  }

  final CallLog calls = new CallLog();
  TestWorkflowEnvironment testEnv;
  FakeLedger ledger;
  FakePlatform platform;
  final FakeOutcomes outcomes = new FakeOutcomes();

  @BeforeEach
  void startTemporal() {
    testEnv = TestWorkflowEnvironment.newInstance();
    io.pointsaga.temporal.TestSearchAttributes.registerOn(testEnv);
    ledger = new FakeLedger(calls, this::now);
    platform = new FakePlatform(calls);
    registerSagas(testEnv.newWorker(TaskQueues.SAGAS, WORKER_OPTIONS));
    testEnv.start();
  }

  @AfterEach
  void stopTemporal() {
    testEnv.close();
  }

  /** What a worker of the real application registers, with the fakes as activities. */
  void registerSagas(Worker worker) {
    worker.registerWorkflowImplementationTypes(
        CancelRedemptionWorkflowImpl.class, RedeemRewardWorkflowImpl.class);
    worker.registerActivitiesImplementations(ledger, platform, outcomes);
  }

  /**
   * From {@code start} to the saga's close event. The test clock may run on once the saga has
   * closed (time skipping jumps ahead while nothing is pending), so upper bounds use this.
   */
  java.time.Duration sagaDuration(String workflowId, Instant start) {
    var closed = testEnv.getWorkflowClient().fetchHistory(workflowId).getLastEvent().getEventTime();
    return java.time.Duration.between(
        start, Instant.ofEpochSecond(closed.getSeconds(), closed.getNanos()));
  }

  /**
   * The activity types the saga scheduled on the task queue (not its local activities), in order.
   */
  java.util.List<String> scheduledActivities(String workflowId) {
    return testEnv.getWorkflowClient().fetchHistory(workflowId).getEvents().stream()
        .filter(io.temporal.api.history.v1.HistoryEvent::hasActivityTaskScheduledEventAttributes)
        .map(e -> e.getActivityTaskScheduledEventAttributes().getActivityType().getName())
        .toList();
  }

  /** How many local activities the saga's history records (their markers). */
  long localActivities(String workflowId) {
    return testEnv.getWorkflowClient().fetchHistory(workflowId).getEvents().stream()
        .filter(io.temporal.api.history.v1.HistoryEvent::hasMarkerRecordedEventAttributes)
        .filter(e -> e.getMarkerRecordedEventAttributes().getMarkerName().equals("LocalActivity"))
        .count();
  }

  /** The test service's (skipped) time. */
  Instant now() {
    return Instant.ofEpochMilli(testEnv.currentTimeMillis());
  }

  WorkflowOptions.Builder optionsFor(String workflowId) {
    return WorkflowOptions.newBuilder().setTaskQueue(TaskQueues.SAGAS).setWorkflowId(workflowId);
  }

  /** Waits in real time (without skipping any) until the condition holds. */
  static void awaitRealTime(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
      Thread.sleep(10);
    }
  }
}
