package io.pointsaga.redemption;

import static io.pointsaga.redemption.CancellationOutcome.ALREADY_REFUNDED;
import static io.pointsaga.redemption.CancellationOutcome.CANCELLED;
import static io.pointsaga.redemption.CancellationOutcome.NEEDS_FOLLOW_UP;
import static io.pointsaga.redemption.CancellationOutcome.PLATFORM_FAILED;
import static io.pointsaga.redemption.CancellationOutcome.POINTS_REFUNDED_REWARD_KEPT;
import static io.pointsaga.redemption.CancellationOutcome.POINTS_REFUNDED_REWARD_UNTRACKED;
import static io.pointsaga.redemption.CancellationOutcome.POINTS_REFUNDED_REWARD_USED;
import static io.pointsaga.redemption.CancellationOutcome.REDEMPTION_PENDING;
import static io.pointsaga.redemption.CancellationOutcome.REWARD_MISSING;
import static io.pointsaga.redemption.CancellationOutcome.REWARD_UNTRACKED;
import static io.pointsaga.redemption.CancellationOutcome.REWARD_USED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import io.pointsaga.platform.DiscountCodeStatus;
import io.pointsaga.temporal.TaskQueues;
import io.pointsaga.temporal.WorkflowIds;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The cancellation saga of SPEC §4 against fake activities, with skipped time. */
class CancelRedemptionWorkflowTest extends SagaTestSupport {
  static final String REDEMPTION = "rdm_7KX2M9QF3A";
  static final String COUPON = "PTS-7KX2M-9QF3A";
  static final long POINTS = 500;
  static final Instant EARLIER_REFUND = Instant.parse("2025-03-14T09:30:00Z");

  static final DiscountCodeStatus UNUSED =
      new DiscountCodeStatus(true, "gid://shopify/DiscountCodeNode/77", true, 0);
  static final DiscountCodeStatus USED =
      new DiscountCodeStatus(true, "gid://shopify/DiscountCodeNode/77", false, 1);
  static final DiscountCodeStatus UNTRACKED = DiscountCodeStatus.untracked();

  static final List<String> REVOKE_THEN_REFUND =
      List.of("load", "lookupDiscountCode", "revokeDiscountCode", "refundPoints(CANCELLED)");

  // ---------------------------------------------------------------- the outcomes of SPEC §4

  record Case(
      String name,
      RedemptionSnapshot redemption,
      DiscountCodeStatus coupon,
      boolean refundPointsAnyway,
      CancellationOutcome outcome,
      List<String> messageSays,
      List<String> calls) {
    @Override
    public String toString() {
      return name;
    }

    boolean refunds() {
      return calls.stream().anyMatch(call -> call.startsWith("refundPoints"));
    }
  }

  static Stream<Case> outcomes() {
    List<String> lookupOnly = List.of("load", "lookupDiscountCode");
    List<String> loadOnly = List.of("load");
    String sayDate = "already refunded on 2025-03-14 09:30 UTC";
    return Stream.of(
        new Case(
            "1 unused: revoke, then refund",
            issued(true),
            UNUSED,
            false,
            CANCELLED,
            List.of("has been canceled", COUPON + " was revoked", "500 points were returned"),
            REVOKE_THEN_REFUND),
        new Case(
            "1 confirmed: ends the same",
            issued(true),
            UNUSED,
            true,
            CANCELLED,
            List.of("has been canceled", COUPON + " was revoked", "500 points were returned"),
            REVOKE_THEN_REFUND),
        new Case(
            "2 reward missing: nothing changes",
            issued(false),
            UNUSED,
            false,
            REWARD_MISSING,
            List.of("no longer exists", "cannot be cancelled", "refund the 500 points anyway"),
            lookupOnly),
        new Case(
            "2 confirmed: refund, coupon kept",
            issued(false),
            UNUSED,
            true,
            POINTS_REFUNDED_REWARD_KEPT,
            List.of("500 points were refunded", "coupon " + COUPON + " was left as it is"),
            List.of("load", "lookupDiscountCode", "refundPoints(REWARD_KEPT)")),
        new Case(
            "4 used: nothing changes",
            issued(true),
            USED,
            false,
            REWARD_USED,
            List.of(
                COUPON + " has already been used",
                "can still refund the 500 points",
                "will not undo the discount"),
            lookupOnly),
        new Case(
            "4 confirmed: refund, discount not undone",
            issued(true),
            USED,
            true,
            POINTS_REFUNDED_REWARD_USED,
            List.of("500 points were refunded", "already been used", "is not undone"),
            List.of("load", "lookupDiscountCode", "refundPoints(REWARD_USED)")),
        new Case(
            "5 untracked: nothing changes",
            issued(true),
            UNTRACKED,
            false,
            REWARD_UNTRACKED,
            List.of(
                COUPON + " is not tracked",
                "cannot determine whether it has been used",
                "can still refund the 500 points"),
            lookupOnly),
        new Case(
            "5 confirmed: refund, coupon left",
            issued(true),
            UNTRACKED,
            true,
            POINTS_REFUNDED_REWARD_UNTRACKED,
            List.of("500 points were refunded", "not tracked", "cannot be determined"),
            List.of("load", "lookupDiscountCode", "refundPoints(REWARD_UNTRACKED)")),
        new Case(
            "6 already refunded: nothing changes, date given",
            refunded(),
            UNUSED,
            false,
            ALREADY_REFUNDED,
            List.of(sayDate, "nothing was changed"),
            loadOnly),
        new Case(
            "6 confirmed: ends the same",
            refunded(),
            UNUSED,
            true,
            ALREADY_REFUNDED,
            List.of(sayDate, "nothing was changed"),
            loadOnly),
        new Case(
            "coupon creation failed, points given back: already refunded",
            redemption(RedemptionStatus.FAILED, true, EARLIER_REFUND),
            UNTRACKED,
            true,
            ALREADY_REFUNDED,
            List.of(sayDate),
            loadOnly),
        new Case(
            "still being issued: nothing changes, platform not asked",
            redemption(RedemptionStatus.PENDING, true, null),
            UNUSED,
            true,
            REDEMPTION_PENDING,
            List.of(COUPON + " is still being issued", "nothing was changed"),
            loadOnly));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("outcomes")
  void endsWithTheSpecifiedOutcomeMessageAndCalls(Case c) {
    ledger.store(c.redemption());
    platform.answerLookup(c.coupon());

    CancellationResult result = cancel(c.refundPointsAnyway());

    assertThat(result.outcome()).isEqualTo(c.outcome());
    assertThat(result.redemptionId()).isEqualTo(REDEMPTION);
    assertThat(result.message()).contains(c.messageSays());
    assertThat(calls.calls()).containsExactlyElementsOf(c.calls());
    assertThat(outcomes.recorded).containsExactly(SHOP + " " + REDEMPTION + " " + c.outcome());
    assertThat(ledger.refundsApplied).hasValue(c.refunds() ? 1 : 0);
    assertThat(result.pointsRefunded()).isEqualTo(c.refunds() ? POINTS : 0);
    RedemptionSnapshot after = ledger.get(REDEMPTION);
    assertThat(after.status())
        .isEqualTo(c.refunds() ? RedemptionStatus.REFUNDED : c.redemption().status());
    // refundedAt is this refund's date, the earlier refund's date, or null when never refunded
    assertThat(result.refundedAt()).isEqualTo(after.refundedAt());
  }

  // ---------------------------------------------------------------- case 3: durable revocation

  /**
   * Issue 12: the ledger steps (load, refund, record the outcome) run as local activities, in the
   * workflow tasks the saga needs anyway; only the platform calls go through the task queue.
   */
  @Test
  void onlyThePlatformCallsAreScheduledTheLedgerStepsRunAsLocalActivities() {
    ledger.store(issued(true));
    platform.answerLookup(UNUSED);

    CancellationResult result = cancel(false);

    assertThat(result.outcome()).isEqualTo(CANCELLED);
    assertThat(calls.steps()).containsExactlyElementsOf(REVOKE_THEN_REFUND);
    assertThat(scheduledActivities(cancelId()))
        .containsExactly("LookupDiscountCode", "RevokeDiscountCode");
    assertThat(localActivities(cancelId())).isEqualTo(3);
    assertThat(outcomes.recorded).singleElement(STRING).endsWith(" CANCELLED");
  }

  @Test
  void revocationFailingFiveTimesIsRetriedDurablyAndHonoursRetryAfter() {
    ledger.store(issued(true));
    platform.answerLookup(UNUSED);
    platform.revokeFailures.failNext(
        Failures.serverError(),
        Failures.throttled(Duration.ofHours(2)),
        Failures.timedOut(),
        Failures.connectionReset(),
        Failures.serverError());
    Instant sagaStart = now();
    long wallStart = System.nanoTime();

    CancellationResult result = cancel(false);

    assertThat(result.outcome()).isEqualTo(CANCELLED);
    assertThat(result.pointsRefunded()).isEqualTo(POINTS);
    assertThat(calls.count("revokeDiscountCode")).isEqualTo(6);
    assertThat(calls.count("refundPoints")).isEqualTo(1);
    assertThat(ledger.refundsApplied).hasValue(1);
    assertThat(calls.steps()).containsExactlyElementsOf(REVOKE_THEN_REFUND);
    // The 429's Retry-After (2 h) replaced the backoff, which is capped at 10 minutes.
    assertThat(Duration.between(sagaStart, now())).isGreaterThanOrEqualTo(Duration.ofHours(2));
    assertThat(Duration.ofNanos(System.nanoTime() - wallStart)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void lookupIsRetriedDurablyToo() {
    ledger.store(issued(true));
    platform.answerLookup(UNUSED);
    platform.lookupFailures.failNext(
        Failures.timedOut(), Failures.throttled(Duration.ofMinutes(30)), Failures.serverError());

    CancellationResult result = cancel(false);

    assertThat(result.outcome()).isEqualTo(CANCELLED);
    assertThat(calls.count("lookupDiscountCode")).isEqualTo(4);
    assertThat(calls.steps()).containsExactlyElementsOf(REVOKE_THEN_REFUND);
  }

  @Test
  void revocationRetriesSurviveAWorkerRestart() throws Exception {
    ledger.store(issued(true));
    platform.answerLookup(UNUSED);
    platform.revokeFailures.failNext(
        Failures.serverError(), Failures.throttled(Duration.ofHours(2)));
    CancelRedemptionWorkflow saga = newSaga(optionsFor(cancelId()).build());
    Instant sagaStart = now();
    WorkflowClient.start(saga::cancel, new CancelRedemptionRequest(SHOP, REDEMPTION, false));

    // let the first retry (1 s backoff) happen; the second waits for the 2 h Retry-After
    for (int i = 0; i < 10 && calls.count("revokeDiscountCode") < 2; i++) {
      testEnv.sleep(Duration.ofSeconds(1));
    }
    assertThat(calls.count("revokeDiscountCode")).isEqualTo(2);
    assertThat(saga.currentStep()).isEqualTo("revoking the coupon on the platform");

    // the worker goes away for a while during the wait (the test service stops skipping time
    // once a retry is due and no worker takes it, so the restart comes before the retry is due)
    testEnv.getWorkerFactory().shutdown();
    testEnv.getWorkerFactory().awaitTermination(5, TimeUnit.SECONDS);
    testEnv.sleep(Duration.ofMinutes(30));
    assertThat(calls.count("revokeDiscountCode")).isEqualTo(2);

    WorkerFactory restarted = WorkerFactory.newInstance(testEnv.getWorkflowClient());
    try {
      registerSagas(restarted.newWorker(TaskQueues.SAGAS, WORKER_OPTIONS));
      restarted.start();

      CancellationResult result =
          WorkflowStub.fromTyped(saga).getResult(10, TimeUnit.SECONDS, CancellationResult.class);

      assertThat(result.outcome()).isEqualTo(CANCELLED);
      assertThat(calls.count("revokeDiscountCode")).isEqualTo(3);
      assertThat(calls.count("refundPoints")).isEqualTo(1);
      assertThat(ledger.refundsApplied).hasValue(1);
      assertThat(calls.steps()).containsExactlyElementsOf(REVOKE_THEN_REFUND);
      assertThat(Duration.between(sagaStart, now())).isGreaterThanOrEqualTo(Duration.ofHours(2));
    } finally {
      restarted.shutdownNow();
      restarted.awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void revocationFailingForADayEndsAsPlatformFailedWithNothingChanged() {
    ledger.store(issued(true));
    platform.answerLookup(UNUSED);
    platform.revokeFailures.failAlways(Failures::serverError);
    Instant sagaStart = now();

    CancellationResult result = cancel(false);

    assertThat(result.outcome()).isEqualTo(PLATFORM_FAILED);
    assertThat(result.message())
        .contains("Could not revoke coupon " + COUPON, "HTTP 500", "Nothing was changed");
    assertThat(calls.count("revokeDiscountCode")).isGreaterThan(100);
    assertThat(calls.count("refundPoints")).isZero();
    assertThat(ledger.get(REDEMPTION).status()).isEqualTo(RedemptionStatus.ISSUED);
    assertThat(sagaDuration(cancelId(), sagaStart))
        .isBetween(Duration.ofHours(23), Duration.ofHours(25));
  }

  // ---------------------------------------------------------------- failures for good

  @Test
  void revocationRefusedForGoodEndsAsPlatformFailedWithoutRefund() {
    ledger.store(issued(true));
    platform.answerLookup(UNUSED);
    platform.revokeFailures.failAlways(Failures::credentialsRejected);

    CancellationResult result = cancel(true);

    assertThat(result.outcome()).isEqualTo(PLATFORM_FAILED);
    assertThat(result.message())
        .contains(
            "Could not revoke coupon " + COUPON,
            "rejected the API credentials",
            "Nothing was changed");
    assertThat(calls.calls())
        .containsExactly(
            "load", "lookupDiscountCode", "revokeDiscountCode", "keepPlatformFailure"); // no retry
    assertThat(ledger.refundsApplied).hasValue(0);
    assertThat(result.pointsRefunded()).isZero();
    assertThat(ledger.platformFailures)
        .as("kept in the attention queue with the admin's message")
        .containsExactly(result.message());
  }

  @Test
  void lookupRefusedForGoodEndsAsPlatformFailedWithoutRevokeOrRefund() {
    ledger.store(issued(true));
    platform.lookupFailures.failAlways(Failures::credentialsRejected);

    CancellationResult result = cancel(true);

    assertThat(result.outcome()).isEqualTo(PLATFORM_FAILED);
    assertThat(result.message())
        .contains("Could not look up coupon " + COUPON, "rejected the API credentials");
    assertThat(calls.calls()).containsExactly("load", "lookupDiscountCode", "keepPlatformFailure");
    assertThat(ledger.refundsApplied).hasValue(0);
    assertThat(ledger.platformFailures).containsExactly(result.message());
  }

  @Test
  void refundFailingForGoodAfterRevokeFlagsTheRedemptionForFollowUp() {
    ledger.store(issued(true));
    platform.answerLookup(UNUSED);
    ledger.refundFailures.failAlways(Failures::databaseDown);
    Instant sagaStart = now();

    CancellationResult result = cancel(false);

    assertThat(result.outcome()).isEqualTo(NEEDS_FOLLOW_UP);
    assertThat(result.message())
        .contains(
            COUPON + " was revoked", "500 points could not be credited", "flagged for follow-up");
    assertThat(result.pointsRefunded()).isZero();
    assertThat(calls.steps())
        .containsExactly(
            "load",
            "lookupDiscountCode",
            "revokeDiscountCode",
            "refundPoints(CANCELLED)",
            "flagForFollowUp");
    assertThat(calls.count("refundPoints")).isGreaterThan(1); // retried for its hour first
    assertThat(Duration.between(sagaStart, now())).isGreaterThan(Duration.ofMinutes(30));
    assertThat(ledger.followUps)
        .singleElement(STRING)
        .contains(
            "coupon " + COUPON + " was revoked",
            "points could not be credited",
            "database is down");
  }

  @Test
  void refundAnsweredByAnotherPathMeanwhileEndsAsAlreadyRefunded() {
    Instant orderRefundedAt = Instant.parse("2025-06-01T12:00:00Z");
    ledger.store(issued(true));
    platform.answerLookup(UNUSED);
    platform.onRevoke(() -> ledger.refundByAnotherPath(REDEMPTION, orderRefundedAt));

    CancellationResult result = cancel(false);

    assertThat(result.outcome()).isEqualTo(ALREADY_REFUNDED);
    assertThat(result.message())
        .contains(
            "was revoked", "already been refunded on 2025-06-01 12:00 UTC", "none were added");
    assertThat(result.refundedAt()).isEqualTo(orderRefundedAt);
    assertThat(result.pointsRefunded()).isZero();
    assertThat(calls.calls()).containsExactlyElementsOf(REVOKE_THEN_REFUND);
    assertThat(ledger.refundsApplied).hasValue(0);
  }

  @Test
  void unknownRedemptionFailsTheWorkflowWithRedemptionNotFound() {
    ledger.loadFailures.failAlways(Failures::redemptionNotFound);

    WorkflowFailedException failure =
        catchThrowableOfType(WorkflowFailedException.class, () -> cancel(false));

    assertThat(failure).isNotNull();
    assertThat(applicationFailureIn(failure).getType()).isEqualTo("RedemptionNotFound");
    assertThat(calls.calls()).containsExactly("load"); // non-retryable: one attempt
  }

  // ---------------------------------------------------------------- one workflow per redemption

  @Test
  void aSecondRequestWhileTheFirstRunsJoinsIt() throws Exception {
    ledger.store(issued(true));
    platform.answerLookup(UNUSED);
    platform.revokeFailures.failNext(Failures.throttled(Duration.ofHours(1)));
    WorkflowOptions joinRunning =
        optionsFor(cancelId())
            .setWorkflowIdConflictPolicy(
                WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
            .build();
    CancelRedemptionRequest request = new CancelRedemptionRequest(SHOP, REDEMPTION, false);

    CancelRedemptionWorkflow first = newSaga(joinRunning);
    WorkflowExecution firstRun = WorkflowClient.start(first::cancel, request);
    awaitRealTime("the first revoke attempt", () -> calls.count("revokeDiscountCode") == 1);
    CancelRedemptionWorkflow second = newSaga(joinRunning);
    WorkflowExecution secondRun = WorkflowClient.start(second::cancel, request);

    assertThat(secondRun).isEqualTo(firstRun);
    CancellationResult firstResult =
        WorkflowStub.fromTyped(first).getResult(10, TimeUnit.SECONDS, CancellationResult.class);
    CancellationResult secondResult =
        WorkflowStub.fromTyped(second).getResult(10, TimeUnit.SECONDS, CancellationResult.class);
    assertThat(firstResult.outcome()).isEqualTo(CANCELLED);
    assertThat(secondResult).isEqualTo(firstResult);
    assertThat(calls.count("load")).isEqualTo(1);
    assertThat(calls.count("refundPoints")).isEqualTo(1);
    assertThat(ledger.refundsApplied).hasValue(1);
  }

  @Test
  void aRequestAfterTheFirstClosedStartsANewRunThatSeesTheRefund() {
    ledger.store(issued(true));
    platform.answerLookup(UNUSED);
    WorkflowOptions options = optionsFor(cancelId()).build();

    CancellationResult first =
        newSaga(options).cancel(new CancelRedemptionRequest(SHOP, REDEMPTION, false));
    CancellationResult second =
        newSaga(options).cancel(new CancelRedemptionRequest(SHOP, REDEMPTION, true));

    assertThat(first.outcome()).isEqualTo(CANCELLED);
    assertThat(second.outcome()).isEqualTo(ALREADY_REFUNDED);
    assertThat(second.refundedAt()).isEqualTo(first.refundedAt());
    assertThat(second.message()).contains("already refunded on " + utc(first.refundedAt()));
    assertThat(calls.count("load")).isEqualTo(2);
    assertThat(calls.count("revokeDiscountCode")).isEqualTo(1);
    assertThat(ledger.refundsApplied).hasValue(1);
  }

  // ---------------------------------------------------------------- helpers

  private CancellationResult cancel(boolean refundPointsAnyway) {
    return newSaga(optionsFor(cancelId()).build())
        .cancel(new CancelRedemptionRequest(SHOP, REDEMPTION, refundPointsAnyway));
  }

  private CancelRedemptionWorkflow newSaga(WorkflowOptions options) {
    return testEnv.getWorkflowClient().newWorkflowStub(CancelRedemptionWorkflow.class, options);
  }

  private static String cancelId() {
    return WorkflowIds.cancelRedemption(SHOP, REDEMPTION);
  }

  private static ApplicationFailure applicationFailureIn(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure app) {
        return app;
      }
    }
    throw new AssertionError("no ApplicationFailure in the cause chain of " + failure);
  }

  static RedemptionSnapshot redemption(
      RedemptionStatus status, boolean rewardExists, Instant refundedAt) {
    return new RedemptionSnapshot(
        REDEMPTION, "cust-42", status, COUPON, "10 € off", POINTS, rewardExists, refundedAt);
  }

  static RedemptionSnapshot issued(boolean rewardExists) {
    return redemption(RedemptionStatus.ISSUED, rewardExists, null);
  }

  static RedemptionSnapshot refunded() {
    return redemption(RedemptionStatus.REFUNDED, true, EARLIER_REFUND);
  }

  /** A date as the admin messages show it: "2025-03-14 09:30 UTC". */
  private static String utc(Instant at) {
    return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
        .withZone(ZoneOffset.UTC)
        .format(at);
  }

  @Test
  void refundAnywayFailingForGoodDoesNotClaimTheCouponWasRevoked() {
    ledger.store(issued(true));
    platform.answerLookup(USED);
    ledger.refundFailures.failAlways(Failures::databaseDown);

    CancellationResult result = cancel(true);

    assertThat(result.outcome()).isEqualTo(CancellationOutcome.NEEDS_FOLLOW_UP);
    assertThat(calls.steps()).doesNotContain("revokeDiscountCode");
    assertThat(result.message()).doesNotContain("was revoked").contains("left as it is");
  }

  @Test
  void whileRevocationRetriesTheCurrentDetailsSayWhichStepAttemptAndLastError() throws Exception {
    ledger.store(issued(true));
    platform.answerLookup(UNUSED);
    platform.revokeFailures.failNext(
        Failures.serverError(), Failures.throttled(Duration.ofHours(2)));
    CancelRedemptionWorkflow saga = newSaga(optionsFor(cancelId()).build());
    io.temporal.client.WorkflowClient.start(
        saga::cancel, new CancelRedemptionRequest(SHOP, REDEMPTION, false));
    io.temporal.client.WorkflowStub stub =
        testEnv.getWorkflowClient().newUntypedWorkflowStub(cancelId());

    // Time does not skip while the test is not waiting on the result: the 2 h wait holds.
    String details = "";
    for (int i = 0; i < 100 && !details.contains("attempt 2"); i++) {
      Thread.sleep(100);
      details =
          stub.query("__temporal_workflow_metadata", io.temporal.api.sdk.v1.WorkflowMetadata.class)
              .getCurrentDetails();
    }

    assertThat(details)
        .contains("Revoke coupon " + COUPON, "attempt 2 failed", "Next attempt in 120 min");
    assertThat(stub.getResult(CancellationResult.class).outcome()).isEqualTo(CANCELLED);
    assertThat(
            stub.query(
                    "__temporal_workflow_metadata", io.temporal.api.sdk.v1.WorkflowMetadata.class)
                .getCurrentDetails())
        .as("cleared once the step succeeded")
        .isEmpty();
  }
}
