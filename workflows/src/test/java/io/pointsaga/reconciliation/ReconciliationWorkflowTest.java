package io.pointsaga.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import io.pointsaga.failure.ActivityFailureInterceptor;
import io.pointsaga.order.RecordedHistories;
import io.pointsaga.temporal.TaskQueues;
import io.pointsaga.temporal.WorkflowIds;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The shop's reconciliation saga on the test server with time skipping: durable timers, a manual
 * run while it sleeps, a platform that keeps failing, continue-as-new, the end at uninstall.
 */
@Timeout(60)
class ReconciliationWorkflowTest {
  static final String SHOP = "demo-shop.myshopify.com";
  static final String WORKFLOW_ID = WorkflowIds.reconcile(SHOP);
  static final Instant T1 = Instant.parse("2026-11-30T09:00:00Z");
  static final Instant T2 = Instant.parse("2026-11-30T09:30:00Z");

  static {
    // the scripted platform failures are expected; keep their stack traces out of the output
    for (String name :
        java.util.List.of(
            "io.temporal.internal.activity", ReconciliationWorkflowImpl.class.getName())) {
      if (org.slf4j.LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger logger) {
        logger.setLevel(ch.qos.logback.classic.Level.OFF);
      }
    }
  }

  TestWorkflowEnvironment testEnv;
  WorkflowClient client;
  FakeReconciliation fake;

  @BeforeEach
  void temporal() {
    testEnv =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setWorkerFactoryOptions(
                    WorkerFactoryOptions.newBuilder()
                        .setWorkerInterceptors(new ActivityFailureInterceptor())
                        .build())
                .build());
    client = testEnv.getWorkflowClient();
    fake = new FakeReconciliation();
  }

  @AfterEach
  void stop() {
    testEnv.close();
  }

  private void startWorker(Class<?> workflowClass) {
    Worker worker =
        testEnv.newWorker(
            TaskQueues.SAGAS,
            WorkerOptions.newBuilder().setStickyQueueScheduleToStartTimeout(Duration.ZERO).build());
    worker.registerWorkflowImplementationTypes(workflowClass);
    worker.registerActivitiesImplementations(fake);
    testEnv.start();
  }

  private ReconciliationWorkflow startSaga() {
    ReconciliationWorkflow saga =
        client.newWorkflowStub(
            ReconciliationWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(WORKFLOW_ID)
                .setTaskQueue(TaskQueues.SAGAS)
                .build());
    WorkflowClient.start(saga::run, ReconciliationSagaInput.atStartUp(SHOP));
    return client.newWorkflowStub(ReconciliationWorkflow.class, WORKFLOW_ID);
  }

  @Test
  void reconcilesAtStartThenOnADurableTimerAndTheCursorFollowsWhatWasRead() throws Exception {
    fake.every = Duration.ofHours(1);
    fake.pages.add(new ReconciliationPage(25, 3, T1, "page-2"));
    fake.pages.add(new ReconciliationPage(10, 1, T2, null));
    startWorker(ReconciliationWorkflowImpl.class);
    ReconciliationWorkflow saga = startSaga();

    eventually("the first run", () -> fake.finished().size() == 1);
    FakeReconciliation.Run first = fake.finished().get(0);
    assertThat(first.trigger()).isEqualTo(ReconciliationTrigger.SCHEDULED);
    assertThat(first.status()).isEqualTo(ReconciliationStatus.COMPLETED);
    assertThat(first.totals()).isEqualTo(new ReconciliationTotals(35, 4, T2));
    assertThat(fake.pagesAskedFor).containsExactly("first", "page-2");
    assertThat(fake.cursor.get()).isEqualTo(T2);
    eventually("the saga to sleep", () -> "SLEEPING".equals(saga.state().phase()));
    assertThat(saga.state().lastStatus()).isEqualTo(ReconciliationStatus.COMPLETED);

    testEnv.sleep(Duration.ofMinutes(59));
    assertThat(fake.runs).hasSize(1);
    testEnv.sleep(Duration.ofMinutes(2));
    eventually("the timer's run", () -> fake.finished().size() == 2);
    FakeReconciliation.Run second = fake.finished().get(1);
    assertThat(second.trigger()).isEqualTo(ReconciliationTrigger.SCHEDULED);
    assertThat(second.readFrom()).isEqualTo(T2.minus(ReconciliationActivitiesImpl.OVERLAP));
    assertThat(second.id()).isNotEqualTo(first.id()).startsWith("rcn_");
  }

  @Test
  void aManualRunWhileSleepingRunsAtOnceUnderItsId() throws Exception {
    startWorker(ReconciliationWorkflowImpl.class);
    ReconciliationWorkflow saga = startSaga();
    eventually("the saga to sleep", () -> "SLEEPING".equals(saga.state().phase()));

    saga.runNow("rcn_manual1");
    eventually("the manual run", () -> fake.finished().size() == 2);
    FakeReconciliation.Run manual = fake.finished().get(1);
    assertThat(manual.id()).isEqualTo("rcn_manual1");
    assertThat(manual.trigger()).isEqualTo(ReconciliationTrigger.MANUAL);
    assertThat(manual.status()).isEqualTo(ReconciliationStatus.COMPLETED);
    assertThat(manual.workflowId()).isEqualTo(WORKFLOW_ID);
    eventually("the saga to sleep again", () -> "SLEEPING".equals(saga.state().phase()));
    assertThat(saga.state().reconciliationId()).isEqualTo("rcn_manual1");
  }

  @Test
  void askedForWhileNotRunningStartsTheSagaWhoseFirstRunIsTheOneAskedFor() throws Exception {
    startWorker(ReconciliationWorkflowImpl.class);
    ReconciliationWorkflow saga =
        client.newWorkflowStub(
            ReconciliationWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(WORKFLOW_ID)
                .setTaskQueue(TaskQueues.SAGAS)
                .build());
    io.temporal.client.BatchRequest request = client.newSignalWithStartRequest();
    request.add(saga::run, ReconciliationSagaInput.atStartUp(SHOP));
    request.add(saga::runNow, "rcn_asked");
    client.signalWithStart(request);

    ReconciliationWorkflow running =
        client.newWorkflowStub(ReconciliationWorkflow.class, WORKFLOW_ID);
    eventually("the saga to sleep", () -> "SLEEPING".equals(running.state().phase()));
    assertThat(fake.finished())
        .extracting(FakeReconciliation.Run::id, FakeReconciliation.Run::trigger)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("rcn_asked", ReconciliationTrigger.MANUAL));
  }

  @Test
  void aPlatformThatKeepsFailingEndsTheRunFailedAndTheCursorStays() throws Exception {
    fake.cursor.set(T1);
    fake.platformFailure =
        ApplicationFailure.newFailure(
            "Shopify answered HTTP 503 to list orders changed since ...", "PlatformUnavailable");
    startWorker(ReconciliationWorkflowImpl.class);
    ReconciliationWorkflow saga = startSaga();

    // retried with backoff for the page's time limit (skipped here), then given up
    testEnv.sleep(ReconciliationWorkflowImpl.PAGE_RETRIES_FOR.plusMinutes(1));
    eventually("the run to fail", () -> fake.finished().size() == 1);
    FakeReconciliation.Run failed = fake.finished().get(0);
    assertThat(failed.status()).isEqualTo(ReconciliationStatus.FAILED);
    assertThat(failed.problem()).contains("HTTP 503");
    assertThat(failed.workflowId()).isEqualTo(WORKFLOW_ID);
    assertThat(fake.pagesAskedFor.size()).isGreaterThan(3);
    assertThat(fake.cursor.get()).isEqualTo(T1);

    // the saga goes on: the next run reads the same window again
    fake.platformFailure = null;
    eventually("the saga to sleep", () -> "SLEEPING".equals(saga.state().phase()));
    assertThat(saga.state().lastStatus()).isEqualTo(ReconciliationStatus.FAILED);
    saga.runNow("rcn_after");
    eventually("the next run", () -> fake.finished().size() == 2);
    assertThat(fake.finished().get(1).status()).isEqualTo(ReconciliationStatus.COMPLETED);
    assertThat(fake.finished().get(1).readFrom()).isEqualTo(failed.readFrom());
    RecordedHistories.keep(client, execution(WORKFLOW_ID), "reconcile-failed-run-then-asked.json");
  }

  @Test
  void aRejectedTokenFailsTheRunAtOnce() throws Exception {
    fake.platformFailure =
        ApplicationFailure.newNonRetryableFailure(
            "Shopify rejected the shop's access token (HTTP 401)", "PlatformCredentialsRejected");
    startWorker(ReconciliationWorkflowImpl.class);
    startSaga();

    eventually("the run to fail", () -> fake.finished().size() == 1);
    assertThat(fake.finished().get(0).problem()).contains("HTTP 401");
    assertThat(fake.pagesAskedFor).hasSize(1);
  }

  @Test
  void continuesAsNewPastItsHistoryLimitKeepingTheRunsAskedFor() throws Exception {
    fake.every = Duration.ofMinutes(1);
    startWorker(ReconciliationWorkflowWithShortHistory.class);
    ReconciliationWorkflow saga = startSaga();
    String firstRunId = runIdOf(WORKFLOW_ID);

    testEnv.sleep(Duration.ofMinutes(10));
    eventually("a new run of the saga", () -> !runIdOf(WORKFLOW_ID).equals(firstRunId));
    assertThat(
            client
                .fetchHistory(WORKFLOW_ID, firstRunId)
                .getEvents()
                .get(client.fetchHistory(WORKFLOW_ID, firstRunId).getEvents().size() - 1)
                .getEventType())
        .isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW);
    int before = fake.finished().size();
    saga.runNow("rcn_after_can");
    eventually(
        "the manual run in the new run",
        () -> fake.finished().stream().anyMatch(run -> run.id().equals("rcn_after_can")));
    assertThat(fake.finished().size()).isGreaterThan(before);
    RecordedHistories.keep(
        client,
        WorkflowExecution.newBuilder().setWorkflowId(WORKFLOW_ID).setRunId(firstRunId).build(),
        "reconcile-history-limit-continued-as-new.json");
  }

  @Test
  void endsWhenTheShopIsUninstalled() throws Exception {
    fake.every = Duration.ofMinutes(1);
    startWorker(ReconciliationWorkflowImpl.class);
    ReconciliationWorkflow saga = startSaga();
    eventually("the saga to sleep", () -> "SLEEPING".equals(saga.state().phase()));

    fake.pages.add(new ReconciliationPage(3, 1, T1, null));
    saga.runNow("rcn_manual2");
    eventually("the manual run", () -> fake.finished().size() == 2);
    eventually("the saga to sleep again", () -> "SLEEPING".equals(saga.state().phase()));

    fake.installed = false;
    // skips time to the next wake, which ends it
    WorkflowStub.fromTyped(saga).getResult(Void.class);
    assertThat(status(WORKFLOW_ID))
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
    assertThat(fake.runs).hasSize(2);
    RecordedHistories.keep(client, execution(WORKFLOW_ID), "reconcile-manual-run-then-ended.json");
  }

  private WorkflowExecution execution(String workflowId) {
    return describe(workflowId).getWorkflowExecutionInfo().getExecution();
  }

  private String runIdOf(String workflowId) {
    return describe(workflowId).getWorkflowExecutionInfo().getExecution().getRunId();
  }

  private WorkflowExecutionStatus status(String workflowId) {
    return describe(workflowId).getWorkflowExecutionInfo().getStatus();
  }

  private io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse describe(
      String workflowId) {
    return client
        .getWorkflowServiceStubs()
        .blockingStub()
        .describeWorkflowExecution(
            DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace(testEnv.getNamespace())
                .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                .build());
  }

  static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
      Thread.sleep(10);
    }
  }
}
