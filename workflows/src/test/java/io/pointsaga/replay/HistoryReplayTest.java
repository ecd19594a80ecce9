package io.pointsaga.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pointsaga.order.OrderWorkflowImpl;
import io.pointsaga.order.OrderWorkflowWithShortHistory;
import io.pointsaga.platform.PlatformActivities;
import io.pointsaga.reconciliation.ReconciliationWorkflowImpl;
import io.pointsaga.reconciliation.ReconciliationWorkflowWithShortHistory;
import io.pointsaga.redemption.CancelRedemptionRequest;
import io.pointsaga.redemption.CancelRedemptionWorkflow;
import io.pointsaga.redemption.CancelRedemptionWorkflowImpl;
import io.pointsaga.redemption.CancellationOutcome;
import io.pointsaga.redemption.CancellationResult;
import io.pointsaga.redemption.PointsRefund;
import io.pointsaga.redemption.RedeemRewardWorkflowImpl;
import io.pointsaga.redemption.RedemptionActivities;
import io.pointsaga.redemption.RedemptionSnapshot;
import io.pointsaga.redemption.RefundReason;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.NonDeterministicException;
import io.temporal.workflow.Workflow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays histories recorded from real runs (the embedded stack: real PostgreSQL, real activities,
 * the simulated Shopify platform, the Temporal test server; see {@code
 * local/src/test/java/io/pointsaga/local/HistoryRecorder.java} and {@code
 * bench/record-histories.sh}) against the current workflow code. A change that would make a running
 * saga take a different path on replay — an activity or timer added, removed or reordered — fails
 * here, before it reaches a worker with sagas in flight. An intended change needs {@code
 * Workflow.getVersion} (and the old fixtures kept), or, if no old run can still be open,
 * re-recorded fixtures.
 */
class HistoryReplayTest {
  private static final String DIRECTORY = "histories";
  private static final int AT_LEAST = 12;

  /** Workflow type (as recorded in the history) -> the implementation that must replay it. */
  private static final Map<String, Class<?>> IMPLEMENTATIONS =
      Map.of(
          "RedeemRewardWorkflow", RedeemRewardWorkflowImpl.class,
          "CancelRedemptionWorkflow", CancelRedemptionWorkflowImpl.class,
          "OrderWorkflow", OrderWorkflowImpl.class,
          "ReconciliationWorkflow", ReconciliationWorkflowImpl.class);

  /**
   * Histories recorded by {@code OrderWorkflowEdgesTest} with a history limit of a few events: they
   * replay against the same code with the same limit.
   */
  private static final Map<String, Class<?>> RECORDED_WITH =
      Map.of(
          "order-history-limit-continued-as-new.json", OrderWorkflowWithShortHistory.class,
          "order-history-limit-carried-over.json", OrderWorkflowWithShortHistory.class,
          "reconcile-history-limit-continued-as-new.json",
              ReconciliationWorkflowWithShortHistory.class);

  /**
   * Runs recorded since version 1 of {@code ledger-steps-local} (issue 12): the sagas' ledger steps
   * as local activities. The histories above, recorded before, stay: they replay with activities.
   */
  private static final String[] LOCAL_LEDGER = {
    "ledger-steps-local/cancel-unused-cancelled.json", "ledger-steps-local/redeem-issued.json"
  };

  /** A CancelRedemption history that looked the coupon up, revoked it and refunded the points. */
  private static final String CANCELLED = "cancel-unused-cancelled.json";

  /**
   * The order saga's edges (recorded by {@code OrderWorkflowEdgesTest}): a run that continued as
   * new with events pending and the run that applied them; an event that arrived in the same
   * workflow task as the quiet spell's end, applied (version 1) and, recorded before the fix, lost
   * (no version marker: must still replay as it ran); and, since issue 13 (one timer per quiet
   * spell, version 1 of {@code one-timer-per-quiet-spell}), a run that held pending points past its
   * quiet spell and approved them when the pending period ended.
   */
  private static final List<String> ORDER_EDGES =
      List.of(
          "order-history-limit-continued-as-new.json",
          "order-history-limit-carried-over.json",
          "order-event-as-the-quiet-spell-ends.json",
          "order-event-lost-as-the-quiet-spell-ends-unversioned.json",
          "order-pending-points-approved.json");

  static Stream<String> histories() {
    return recorded().keySet().stream();
  }

  @Test
  void theRecordedHistoriesAreThereAndCoverEveryWorkflow() {
    Map<String, String> recorded = recorded();

    assertThat(recorded)
        .as("recorded histories under %s/", DIRECTORY)
        .hasSizeGreaterThanOrEqualTo(AT_LEAST);
    assertThat(recorded.values().stream().map(HistoryReplayTest::workflowType))
        .containsAll(IMPLEMENTATIONS.keySet());
    assertThat(recorded).containsKey(CANCELLED);
    assertThat(recorded)
        .as("runs with ledger steps as local activities")
        .containsKeys(LOCAL_LEDGER);
    assertThat(recorded).containsKeys(ORDER_EDGES.toArray(String[]::new));
    assertThat(recorded).containsKeys(RECORDED_WITH.keySet().toArray(String[]::new));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("histories")
  void theCurrentWorkflowCodeReplaysTheRecordedHistory(String name) throws Exception {
    String json = recorded().get(name);
    String type = workflowType(json);
    assertThat(IMPLEMENTATIONS)
        .as("%s is a %s: map the type to its implementation in this test", name, type)
        .containsKey(type);

    WorkflowReplayer.replayWorkflowExecution(
        json, RECORDED_WITH.getOrDefault(name, IMPLEMENTATIONS.get(type)));
  }

  @Test
  void aWorkflowThatSkipsTheLookupFailsTheReplay() {
    String json = recorded().get(CANCELLED);

    assertThatThrownBy(() -> WorkflowReplayer.replayWorkflowExecution(json, SkipsTheLookup.class))
        .satisfies(HistoryReplayTest::isNonDeterminism)
        .hasMessageContaining("expected value 'name: \"RevokeDiscountCode\"")
        .hasMessageContaining("actual value 'name: \"LookupDiscountCode\"");
  }

  @Test
  void aWorkflowThatWaitsBeforeLoadingFailsTheReplay() {
    String json = recorded().get(CANCELLED);

    assertThatThrownBy(
            () -> WorkflowReplayer.replayWorkflowExecution(json, WaitsBeforeLoading.class))
        .satisfies(HistoryReplayTest::isNonDeterminism)
        .hasMessageContaining("does not match command type COMMAND_TYPE_START_TIMER");
  }

  @Test
  void aChangeThatKeepsTheCommandsReplays() {
    // The control for the two tests above: a different class is not enough to fail, a different
    // sequence of commands is.
    String json = recorded().get(CANCELLED);

    assertThatCode(() -> WorkflowReplayer.replayWorkflowExecution(json, RenamesItsSteps.class))
        .doesNotThrowAnyException();
  }

  /**
   * The replayer reports the failed replay as a query failure whose message carries the {@link
   * NonDeterministicException} (TMPRL1100); accept it as a cause as well.
   */
  private static void isNonDeterminism(Throwable thrown) {
    boolean found = false;
    for (Throwable t = thrown; t != null && !found; t = t.getCause()) {
      found =
          t instanceof NonDeterministicException
              || (t.getMessage() != null
                  && t.getMessage().contains(NonDeterministicException.class.getName())
                  && t.getMessage().contains("TMPRL1100"));
    }
    assertThat(found).as("a non-determinism failure (TMPRL1100), got %s", thrown).isTrue();
  }

  // --- the implementations a careless change could produce

  private static final ActivityOptions OPTIONS =
      ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(30)).build();

  /** The saga "simplified": revokes without looking the coupon up first. */
  public static class SkipsTheLookup implements CancelRedemptionWorkflow {
    @Override
    public CancellationResult cancel(CancelRedemptionRequest request) {
      RedemptionActivities ledger = Workflow.newActivityStub(RedemptionActivities.class, OPTIONS);
      PlatformActivities platform = Workflow.newActivityStub(PlatformActivities.class, OPTIONS);
      RedemptionSnapshot redemption = ledger.load(request.shopDomain(), request.redemptionId());
      platform.revokeDiscountCode(request.shopDomain(), redemption.couponCode());
      PointsRefund refund =
          ledger.refundPoints(request.shopDomain(), request.redemptionId(), RefundReason.CANCELLED);
      return new CancellationResult(
          request.redemptionId(),
          CancellationOutcome.CANCELLED,
          "cancelled",
          refund.pointsRefunded(),
          refund.refundedAt());
    }

    @Override
    public String currentStep() {
      return "";
    }

    @Override
    public void shopUninstalled() {}
  }

  /** The current saga with a durable timer added in front of it. */
  public static class WaitsBeforeLoading extends CancelRedemptionWorkflowImpl {
    @Override
    public CancellationResult cancel(CancelRedemptionRequest request) {
      Workflow.sleep(Duration.ofSeconds(1));
      return super.cancel(request);
    }
  }

  /** The current saga with a query that answers differently: no command changes. */
  public static class RenamesItsSteps extends CancelRedemptionWorkflowImpl {
    @Override
    public String currentStep() {
      return "step: " + super.currentStep();
    }
  }

  // --- fixtures

  private static String workflowType(String json) {
    return WorkflowExecutionHistory.fromJson(json)
        .getEvents()
        .get(0)
        .getWorkflowExecutionStartedEventAttributes()
        .getWorkflowType()
        .getName();
  }

  /** File name -> JSON of every history under {@code histories/} on the test classpath. */
  private static Map<String, String> recorded() {
    URL url = HistoryReplayTest.class.getClassLoader().getResource(DIRECTORY);
    assertThat(url).as("%s/ on the test classpath", DIRECTORY).isNotNull();
    try {
      URI uri = url.toURI();
      if ("jar".equals(uri.getScheme())) {
        try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
          return read(jar.provider().getPath(uri));
        }
      }
      return read(Path.of(uri));
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, String> read(Path directory) throws IOException {
    Map<String, String> histories = new TreeMap<>();
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file :
          (Iterable<Path>) files.filter(f -> f.toString().endsWith(".json"))::iterator) {
        histories.put(
            directory.relativize(file).toString(), Files.readString(file, StandardCharsets.UTF_8));
      }
    }
    return histories;
  }
}
