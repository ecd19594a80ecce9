package io.pointsaga.redemption;

import static io.pointsaga.redemption.CancelRedemptionWorkflowTest.COUPON;
import static io.pointsaga.redemption.CancelRedemptionWorkflowTest.POINTS;
import static io.pointsaga.redemption.CancelRedemptionWorkflowTest.REDEMPTION;
import static io.pointsaga.redemption.CancelRedemptionWorkflowTest.UNUSED;
import static io.pointsaga.redemption.CancelRedemptionWorkflowTest.issued;
import static org.assertj.core.api.Assertions.assertThat;

import io.pointsaga.redemption.RedemptionResult.RedemptionOutcome;
import io.pointsaga.temporal.WorkflowIds;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The redemption sagas of a shop that uninstalls PointSaga (SPEC §9), by both roads: the platform
 * adapter refusing the step ({@code ShopUninstalled}), and the starter's {@code shopUninstalled}
 * signal arriving while the saga waits out the platform's retries.
 */
class ShopUninstalledSagasTest extends SagaTestSupport {
  static final String UNINSTALLED = "uninstalled PointSaga";

  // ---------------------------------------------------------------- cancellation

  @Test
  void revokeRefusedBecauseTheShopUninstalledEndsPlatformFailedWithNothingChanged() {
    ledger.store(issued(true));
    platform.answerLookup(UNUSED);
    platform.revokeFailures.failAlways(Failures::shopUninstalled);

    CancellationResult result = cancel(false);

    assertThat(result.outcome()).isEqualTo(CancellationOutcome.PLATFORM_FAILED);
    assertThat(result.message())
        .contains(UNINSTALLED, COUPON, "could be revoked", "Nothing was changed");
    assertThat(calls.steps()).containsExactly("load", "lookupDiscountCode", "revokeDiscountCode");
    assertThat(ledger.refundsApplied).hasValue(0);
    assertThat(ledger.get(REDEMPTION).status()).isEqualTo(RedemptionStatus.ISSUED);
  }

  @Test
  void confirmedCancellationRefundsThePointsAndLeavesTheCouponWhenTheShopUninstalled() {
    ledger.store(issued(true));
    platform.answerLookup(UNUSED);
    platform.revokeFailures.failAlways(Failures::shopUninstalled);

    CancellationResult result = cancel(true);

    assertThat(result.outcome()).isEqualTo(CancellationOutcome.POINTS_REFUNDED_REWARD_UNTRACKED);
    assertThat(result.pointsRefunded()).isEqualTo(POINTS);
    assertThat(result.message()).contains("500 points were refunded", UNINSTALLED, "left as it is");
    assertThat(calls.steps())
        .containsExactly(
            "load", "lookupDiscountCode", "revokeDiscountCode", "refundPoints(SHOP_UNINSTALLED)");
    assertThat(ledger.refundsApplied).hasValue(1);
  }

  @Test
  void theStopSignalEndsTheWaitBetweenRevokeAttemptsAtOnce() throws Exception {
    ledger.store(issued(true));
    platform.answerLookup(UNUSED);
    // the second failure asks for two hours: the saga is waiting on the platform when the stop
    // comes
    platform.revokeFailures.failNext(
        Failures.serverError(), Failures.throttled(Duration.ofHours(2)));
    CancelRedemptionWorkflow saga =
        testEnv
            .getWorkflowClient()
            .newWorkflowStub(
                CancelRedemptionWorkflow.class,
                optionsFor(WorkflowIds.cancelRedemption(SHOP, REDEMPTION)).build());
    WorkflowClient.start(saga::cancel, new CancelRedemptionRequest(SHOP, REDEMPTION, false));
    waitInTestTime(() -> calls.count("revokeDiscountCode"), 2);
    Instant stoppedAt = now();

    saga.shopUninstalled();
    CancellationResult result =
        WorkflowStub.fromTyped(saga).getResult(10, TimeUnit.SECONDS, CancellationResult.class);

    assertThat(result.outcome()).isEqualTo(CancellationOutcome.PLATFORM_FAILED);
    assertThat(result.message()).contains(UNINSTALLED, COUPON, "Nothing was changed");
    assertThat(calls.count("revokeDiscountCode")).as("no attempt after the stop").isEqualTo(2);
    assertThat(ledger.refundsApplied).hasValue(0);
    assertThat(sagaDuration(WorkflowIds.cancelRedemption(SHOP, REDEMPTION), stoppedAt))
        .as("ended without waiting out the platform's two hours")
        .isLessThan(Duration.ofMinutes(1));
  }

  @Test
  void theStopSignalDuringLookupRetriesRefundsOnlyWhenConfirmed() throws Exception {
    ledger.store(issued(true));
    platform.lookupFailures.failAlways(Failures::serverError);
    CancelRedemptionWorkflow saga =
        testEnv
            .getWorkflowClient()
            .newWorkflowStub(
                CancelRedemptionWorkflow.class,
                optionsFor(WorkflowIds.cancelRedemption(SHOP, REDEMPTION)).build());
    WorkflowClient.start(saga::cancel, new CancelRedemptionRequest(SHOP, REDEMPTION, true));
    waitInTestTime(() -> calls.count("lookupDiscountCode"), 3);

    saga.shopUninstalled();
    CancellationResult result =
        WorkflowStub.fromTyped(saga).getResult(10, TimeUnit.SECONDS, CancellationResult.class);

    assertThat(result.outcome()).isEqualTo(CancellationOutcome.POINTS_REFUNDED_REWARD_UNTRACKED);
    assertThat(result.message()).contains("could be looked up", UNINSTALLED);
    assertThat(calls.count("lookupDiscountCode")).isEqualTo(3);
    assertThat(calls.count("revokeDiscountCode")).isZero();
    assertThat(ledger.refundsApplied).hasValue(1);
  }

  // ---------------------------------------------------------------- redemption

  static final String REDEEMING = "rdm_4HQ8Z2WT6N";

  static final Reservation RESERVED =
      new Reservation(
          Reservation.Status.RESERVED,
          REDEEMING,
          "PTS-4HQ8Z-2WT6N",
          "10 € off",
          new BigDecimal("10.00"),
          500,
          250);

  @Test
  void couponCreationRefusedBecauseTheShopUninstalledGivesThePointsBackWithoutCallingAgain() {
    ledger.answerReserve(RESERVED);
    platform.createFailures.failAlways(Failures::shopUninstalled);

    RedemptionResult result = redeemSaga().redeem(redeemRequest());

    assertRedemptionStopped(result);
  }

  @Test
  void theStopSignalCancelsCouponCreationWhileItsRetriesWait() throws Exception {
    ledger.answerReserve(RESERVED);
    platform.createFailures.failAlways(Failures::serverError);
    RedeemRewardWorkflow saga = redeemSaga();
    WorkflowClient.start(saga::redeem, redeemRequest());
    waitInTestTime(() -> calls.count("createDiscountCode"), 2);
    Instant stoppedAt = now();

    saga.shopUninstalled();
    RedemptionResult result =
        WorkflowStub.fromTyped(saga).getResult(10, TimeUnit.SECONDS, RedemptionResult.class);

    assertRedemptionStopped(result);
    assertThat(sagaDuration(WorkflowIds.redeemReward(SHOP, REDEEMING), stoppedAt))
        .as("ended without waiting out the minute of coupon creation retries")
        .isLessThan(Duration.ofSeconds(5));
  }

  private void assertRedemptionStopped(RedemptionResult result) {
    assertThat(result.outcome()).isEqualTo(RedemptionOutcome.COUPON_FAILED);
    assertThat(result.message()).contains(UNINSTALLED, "The 500 points were given back");
    // no compensating revoke on the platform: the coupon may exist, a person is told
    assertThat(calls.steps())
        .containsExactly("reserve", "createDiscountCode", "flagForFollowUp", "reverseReservation");
    assertThat(ledger.followUps)
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("PTS-4HQ8Z-2WT6N may exist on the platform", UNINSTALLED);
    assertThat(ledger.reversals)
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains(UNINSTALLED);
  }

  private RedeemRewardWorkflow redeemSaga() {
    return testEnv
        .getWorkflowClient()
        .newWorkflowStub(
            RedeemRewardWorkflow.class,
            optionsFor(WorkflowIds.redeemReward(SHOP, REDEEMING)).build());
  }

  private static ReserveRedemption redeemRequest() {
    return new ReserveRedemption(SHOP, "cust-42", 7, REDEEMING);
  }

  private CancellationResult cancel(boolean refundPointsAnyway) {
    return testEnv
        .getWorkflowClient()
        .newWorkflowStub(
            CancelRedemptionWorkflow.class,
            optionsFor(WorkflowIds.cancelRedemption(SHOP, REDEMPTION)).build())
        .cancel(new CancelRedemptionRequest(SHOP, REDEMPTION, refundPointsAnyway));
  }

  /** Lets test time run a second at a time until the platform was called {@code times}. */
  private void waitInTestTime(java.util.function.LongSupplier calledTimes, int times) {
    for (int i = 0; i < 30 && calledTimes.getAsLong() < times; i++) {
      testEnv.sleep(Duration.ofSeconds(1));
    }
    assertThat(calledTimes.getAsLong()).as("platform calls before the stop").isEqualTo(times);
  }
}
