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
import static org.assertj.core.api.Assertions.assertThat;

import io.pointsaga.failure.ActivityFailureInterceptor;
import io.pointsaga.platform.PlatformFailure;
import io.pointsaga.temporal.TaskQueues;
import io.pointsaga.temporal.WorkflowIds;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * The order saga of a shop that uninstalls PointSaga (SPEC §9): the BigCommerce lookup in flight
 * stops, events that need the platform are kept for a person without calling it, and events the
 * ledger alone can apply still are. Both roads: the adapter's {@code ShopUninstalled} refusal and
 * the starter's signal while the lookup waits out its retries.
 */
@Timeout(30)
class OrderSagaShopUninstalledTest {
  static final WorkerOptions WORKER_OPTIONS =
      WorkerOptions.newBuilder().setStickyQueueScheduleToStartTimeout(Duration.ZERO).build();
  static final String WORKFLOW_ID = WorkflowIds.order(SHOP, ORDER);
  static final OrderSnapshot ORDER_50 = order(line("item40", "33.33"), line("item20", "16.67"));
  static final RefundSnapshot R20 = refund("r20", refunded("item20", "16.67"));

  static {
    for (String name :
        List.of("io.temporal.internal.activity", OrderWorkflowImpl.class.getName())) {
      if (LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger logger) {
        logger.setLevel(ch.qos.logback.classic.Level.OFF);
      }
    }
  }

  TestWorkflowEnvironment testEnv;
  WorkflowClient client;
  FakeOrderActivities ledger;
  FakePlatformOrders platform;

  @BeforeEach
  void startTemporal() {
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
  void theStopSignalCancelsTheLookupWaitingOutItsRetriesAndTheLedgerOnlyEventsStillApply() {
    platform.failure =
        () -> ApplicationFailure.newFailure("BigCommerce answered HTTP 503", "PlatformUnavailable");
    WorkflowExecution run = signalWithStart(paid(ORDER_50));
    signalWithStart(bigCommerceRefund("bc-77"));
    signalWithStart(bigCommerceRefund("bc-78"));
    signalWithStart(refundCreated(R20));
    for (int i = 0; i < 30 && resolveCalls() < 3; i++) {
      testEnv.sleep(Duration.ofSeconds(1));
    }
    assertThat(resolveCalls()).as("lookups before the stop").isEqualTo(3);
    Instant stoppedAt = now();

    client.newWorkflowStub(OrderWorkflow.class, WORKFLOW_ID).shopUninstalled();
    waitForTheRunToEnd(run);

    assertThat(ledger.calls())
        .containsExactly(
            "load " + ORDER,
            "apply paid 50",
            "vip " + CUSTOMER + " 1001:paid",
            "resolve refund:bc-77",
            "resolve refund:bc-77",
            "resolve refund:bc-77",
            "attention refund:bc-77 ShopUninstalled",
            "attention refund:bc-78 ShopUninstalled", // not asked: the platform is not called
            "load " + ORDER,
            "apply refund:r20 -17",
            "vip " + CUSTOMER + " 1001:refund:r20");
    FailedOrderEvent kept = ledger.attention.get("refund:bc-77");
    assertThat(kept.problem()).contains("uninstalled PointSaga", "No points were changed");
    assertThat(kept.subject()).isEqualTo("refund 77 of order " + ORDER);
    assertThat(ledger.balances.get(CUSTOMER)).isEqualTo(33);
    // the 17 minutes of a full retry schedule were not waited out: the stop came first, and the
    // run then ended after its ordinary quiet spell
    assertThat(closedAt(run))
        .isBefore(stoppedAt.plus(OrderWorkflowImpl.QUIET_SPELL).plus(Duration.ofMinutes(1)));
  }

  @Test
  void aLookupRefusedBecauseTheShopUninstalledStopsTheNextLookupsToo() {
    platform.failure =
        () ->
            ApplicationFailure.newNonRetryableFailure(
                "Shop " + SHOP + " has uninstalled PointSaga: the platform is no longer called.",
                PlatformFailure.SHOP_UNINSTALLED);
    WorkflowExecution run = signalWithStart(paid(ORDER_50));
    signalWithStart(bigCommerceRefund("bc-77"));
    signalWithStart(bigCommerceRefund("bc-78"));
    waitForTheRunToEnd(run);

    assertThat(ledger.calls())
        .containsExactly(
            "load " + ORDER,
            "apply paid 50",
            "vip " + CUSTOMER + " 1001:paid",
            "resolve refund:bc-77",
            "attention refund:bc-77 ShopUninstalled",
            "attention refund:bc-78 ShopUninstalled");
    assertThat(ledger.attention.get("refund:bc-78").problem())
        .startsWith("Fetch order " + ORDER + " from BigCommerce was stopped")
        .contains("uninstalled PointSaga");
  }

  private long resolveCalls() {
    return ledger.calls().stream().filter(call -> call.startsWith("resolve")).count();
  }

  private static OrderEvent bigCommerceRefund(String refundId) {
    return new OrderEvent(
        refundId.hashCode(),
        OrderEventKind.BIGCOMMERCE_REFUND_CREATED,
        "refund:" + refundId,
        SHOP,
        ORDER,
        null,
        null,
        refundId.substring("bc-".length()),
        null);
  }

  private WorkflowExecution signalWithStart(OrderEvent event) {
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

  private void waitForTheRunToEnd(WorkflowExecution run) {
    client.newUntypedWorkflowStub(run, Optional.empty()).getResult(Void.class);
  }

  private Instant closedAt(WorkflowExecution run) {
    var closed = client.fetchHistory(run.getWorkflowId()).getLastEvent().getEventTime();
    return Instant.ofEpochSecond(closed.getSeconds(), closed.getNanos());
  }

  private Instant now() {
    return Instant.ofEpochMilli(testEnv.currentTimeMillis());
  }
}
