package io.pointsaga.redemption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import io.pointsaga.platform.DiscountCodeSpec;
import io.pointsaga.redemption.RedemptionResult.RedemptionOutcome;
import io.pointsaga.temporal.WorkflowIds;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The redeem saga: reserve, create the coupon, mark issued; compensate when creation fails. */
class RedeemRewardWorkflowTest extends SagaTestSupport {
  static final String REDEMPTION = "rdm_4HQ8Z2WT6N";
  static final String CUSTOMER = "cust-42";
  static final String COUPON = "PTS-4HQ8Z-2WT6N";
  static final long REWARD_ID = 7;

  static final Reservation RESERVED =
      new Reservation(
          Reservation.Status.RESERVED,
          REDEMPTION,
          COUPON,
          "10 € off",
          new BigDecimal("10.00"),
          500,
          250);

  @Test
  void reservesCreatesTheCouponAndMarksItIssued() {
    ledger.answerReserve(RESERVED);

    RedemptionResult result = redeem();

    assertThat(result.outcome()).isEqualTo(RedemptionOutcome.ISSUED);
    assertThat(result.couponCode()).isEqualTo(COUPON);
    assertThat(result.pointsSpent()).isEqualTo(500);
    assertThat(result.balanceAfter()).isEqualTo(250);
    assertThat(result.message()).contains(COUPON, "10 € off", "500 points spent");
    assertThat(calls.calls())
        .containsExactly(
            "reserve",
            "createDiscountCode",
            "markIssued(" + FakePlatform.PLATFORM_DISCOUNT_ID + ")");
    assertThat(ledger.statuses).containsEntry(REDEMPTION, RedemptionStatus.ISSUED);
    assertThat(ledger.pointsHeld).containsEntry(REDEMPTION, 500L);
    DiscountCodeSpec created = platform.created.get(0);
    assertThat(created.code()).isEqualTo(COUPON);
    assertThat(created.amountOff()).isEqualByComparingTo("10.00");
    assertThat(created.customerId()).isEqualTo(CUSTOMER);
    assertThat(created.title()).contains("10 € off");
  }

  /** Issue 12: reserve and mark-issued run as local activities; only the coupon is scheduled. */
  @Test
  void onlyTheCouponIsScheduledTheLedgerStepsRunAsLocalActivities() {
    ledger.answerReserve(RESERVED);

    RedemptionResult result = redeem();

    assertThat(result.outcome()).isEqualTo(RedemptionOutcome.ISSUED);
    String workflowId = WorkflowIds.redeemReward(SHOP, REDEMPTION);
    assertThat(scheduledActivities(workflowId)).containsExactly("CreateDiscountCode");
    assertThat(localActivities(workflowId)).isEqualTo(2);
  }

  @Test
  void unknownRewardChangesNothingAndAsksNoPlatform() {
    ledger.answerReserve(
        Reservation.refused(Reservation.Status.REWARD_NOT_FOUND, REDEMPTION, 0, 0));

    RedemptionResult result = redeem();

    assertThat(result.outcome()).isEqualTo(RedemptionOutcome.REWARD_NOT_FOUND);
    assertThat(result.couponCode()).isNull();
    assertThat(result.message()).contains("Reward 7 does not exist");
    assertThat(calls.calls()).containsExactly("reserve");
  }

  @Test
  void insufficientPointsChangesNothingAndAsksNoPlatform() {
    ledger.answerReserve(
        Reservation.refused(Reservation.Status.INSUFFICIENT_POINTS, REDEMPTION, 500, 120));

    RedemptionResult result = redeem();

    assertThat(result.outcome()).isEqualTo(RedemptionOutcome.INSUFFICIENT_POINTS);
    assertThat(result.couponCode()).isNull();
    assertThat(result.balanceAfter()).isEqualTo(120);
    assertThat(result.message()).contains("has 120 points", "costs 500");
    assertThat(calls.calls()).containsExactly("reserve");
  }

  @Test
  void anErasedCustomerChangesNothingAsksNoPlatformAndIsNotAFailure() {
    ledger.answerReserve(Reservation.refused(Reservation.Status.CUSTOMER_ERASED, REDEMPTION, 0, 0));

    RedemptionResult result = redeem();

    assertThat(result.outcome()).isEqualTo(RedemptionOutcome.CUSTOMER_ERASED);
    assertThat(result.couponCode()).isNull();
    assertThat(result.message()).contains("erased", "nothing was spent");
    // refused like a missing reward: no compensation (markFailed would write under the old id)
    assertThat(calls.calls()).containsExactly("reserve");
  }

  @Test
  void couponRefusedOutrightIsStillRevokedThenThePointsComeBack() {
    ledger.answerReserve(RESERVED);
    platform.createFailures.failAlways(Failures::credentialsRejected);

    RedemptionResult result = redeem();

    assertThat(result.outcome()).isEqualTo(RedemptionOutcome.COUPON_FAILED);
    assertThat(result.couponCode()).isNull();
    assertThat(result.balanceAfter()).isEqualTo(750);
    assertThat(result.message())
        .contains("rejected the API credentials", "500 points were given back");
    // an earlier attempt may have created the code, so it is revoked before the points come back
    assertThat(calls.steps())
        .containsExactly(
            "reserve", "createDiscountCode", "revokeDiscountCode", "reverseReservation");
    assertThat(ledger.reversals).singleElement(STRING).contains("rejected the API credentials");
    assertThat(ledger.followUps).isEmpty();
    assertEnded(RedemptionStatus.FAILED);
  }

  @Test
  void couponTimingOutForAMinuteIsRevokedThenThePointsComeBack() {
    ledger.answerReserve(RESERVED);
    platform.createFailures.failAlways(Failures::timedOut);
    Instant sagaStart = now();

    RedemptionResult result = redeem();

    assertThat(result.outcome()).isEqualTo(RedemptionOutcome.COUPON_FAILED);
    assertThat(result.balanceAfter()).isEqualTo(750);
    assertThat(result.message()).contains("did not answer", "500 points were given back");
    assertThat(calls.count("createDiscountCode")).isGreaterThan(3); // retried for its minute
    // a create that timed out may have happened after all: revoke first, then give points back
    assertThat(calls.steps())
        .containsExactly(
            "reserve", "createDiscountCode", "revokeDiscountCode", "reverseReservation");
    assertThat(calls.count("revokeDiscountCode")).isEqualTo(1);
    assertThat(ledger.reversals).singleElement(STRING).contains("did not answer");
    assertThat(ledger.followUps).isEmpty();
    assertThat(sagaDuration(WorkflowIds.redeemReward(SHOP, REDEMPTION), sagaStart))
        .isBetween(Duration.ofSeconds(30), Duration.ofMinutes(2));
  }

  @Test
  void revokeCompensationFailingForGoodIsFlaggedAndThePointsStillComeBack() {
    ledger.answerReserve(RESERVED);
    platform.createFailures.failAlways(Failures::timedOut);
    platform.revokeFailures.failAlways(Failures::credentialsRejected);

    RedemptionResult result = redeem();

    assertThat(result.outcome()).isEqualTo(RedemptionOutcome.COUPON_FAILED);
    assertThat(calls.steps())
        .containsExactly(
            "reserve",
            "createDiscountCode",
            "revokeDiscountCode",
            "flagForFollowUp",
            "reverseReservation");
    assertThat(ledger.followUps)
        .singleElement(STRING)
        .contains(
            "coupon " + COUPON + " may exist on the platform but could not be revoked",
            "rejected the API credentials");
    assertThat(ledger.reversals).hasSize(1);
    assertEnded(RedemptionStatus.NEEDS_FOLLOW_UP);
  }

  @Test
  void createThatTimedOutBeforeBeingRefusedIsStillRevoked() {
    ledger.answerReserve(RESERVED);
    platform.createFailures.failNext(Failures.timedOut()).failAlways(Failures::credentialsRejected);

    RedemptionResult result = redeem();

    assertThat(result.outcome()).isEqualTo(RedemptionOutcome.COUPON_FAILED);
    // attempt 1 may have created the code: it must be revoked before the points come back
    assertThat(calls.steps())
        .containsExactly(
            "reserve", "createDiscountCode", "revokeDiscountCode", "reverseReservation");
  }

  // ----------------------------------------------- steps failing for good (finding 12)

  @Test
  void reserveFailingForGoodEndsFailedWithANoteAndAsksNoPlatform() {
    ledger.answerReserve(RESERVED);
    ledger.reserveFailures.failAlways(Failures::balanceLimit);

    RedemptionResult result = redeem();

    assertThat(result.outcome()).isEqualTo(RedemptionOutcome.COUPON_FAILED);
    assertThat(result.couponCode()).isNull();
    assertThat(result.message())
        .contains("could not be reserved", "beyond the limit", "No points were spent");
    assertThat(calls.steps()).containsExactly("reserve", "markFailed");
    assertThat(ledger.failures).singleElement(STRING).contains("beyond the limit");
    assertThat(platform.created).isEmpty();
    // nothing was written, and markFailed tolerated that
    assertThat(ledger.statuses).doesNotContainKey(REDEMPTION);
  }

  @Test
  void reserveThatCommittedBeforeTimingOutForAnHourGetsItsPointsBack() {
    ledger.answerReserve(RESERVED);
    ledger.reserveCommitsBeforeFailing = true;
    ledger.reserveFailures.failAlways(Failures::databaseDown);

    RedemptionResult result = redeem();

    assertThat(result.outcome()).isEqualTo(RedemptionOutcome.COUPON_FAILED);
    assertThat(calls.count("reserve")).isGreaterThan(3); // retried for its hour
    assertThat(calls.steps()).containsExactly("reserve", "markFailed");
    assertEnded(RedemptionStatus.FAILED);
  }

  @Test
  void markIssuedFailingForGoodRevokesTheCouponGivesThePointsBackAndEndsFailed() {
    ledger.answerReserve(RESERVED);
    ledger.markIssuedFailures.failAlways(Failures::balanceLimit);

    RedemptionResult result = redeem();

    assertThat(result.outcome()).isEqualTo(RedemptionOutcome.COUPON_FAILED);
    assertThat(result.couponCode()).isNull();
    assertThat(result.balanceAfter()).isEqualTo(750);
    assertThat(result.message())
        .contains(COUPON, "could not be marked issued", "revoked", "500 points were given back");
    assertThat(calls.steps())
        .containsExactly(
            "reserve",
            "createDiscountCode",
            "markIssued(" + FakePlatform.PLATFORM_DISCOUNT_ID + ")",
            "revokeDiscountCode",
            "reverseReservation");
    assertThat(ledger.reversals).singleElement(STRING).contains("could not be marked issued");
    assertEnded(RedemptionStatus.FAILED);
  }

  @Test
  void markIssuedThatCommittedBeforeFailingStillEndsFailedWithThePointsBack() {
    ledger.answerReserve(RESERVED);
    // the attempt committed ISSUED but its answer was lost, and the step failed for good
    ledger.markIssuedCommitsBeforeFailing = true;
    ledger.markIssuedFailures.failAlways(Failures::balanceLimit);

    RedemptionResult result = redeem();

    assertThat(result.outcome()).isEqualTo(RedemptionOutcome.COUPON_FAILED);
    assertThat(calls.steps()).endsWith("revokeDiscountCode", "reverseReservation");
    assertThat(ledger.reversals).hasSize(1);
    assertEnded(RedemptionStatus.FAILED);
  }

  @Test
  void compensationThatCannotGiveThePointsBackFlagsTheRedemption() {
    ledger.answerReserve(RESERVED);
    platform.createFailures.failAlways(Failures::credentialsRejected);
    ledger.reverseFailures.failAlways(Failures::balanceLimit);

    RedemptionResult result = redeem();

    assertThat(result.outcome()).isEqualTo(RedemptionOutcome.COUPON_FAILED);
    assertThat(result.balanceAfter()).isEqualTo(250);
    assertThat(result.message()).contains("could not be given back yet", "follow-up");
    assertThat(calls.steps())
        .containsExactly(
            "reserve",
            "createDiscountCode",
            "revokeDiscountCode",
            "reverseReservation",
            "flagForFollowUp");
    assertThat(ledger.followUps)
        .singleElement(STRING)
        .contains("points of this redemption could not be given back", "beyond the limit");
    assertThat(ledger.statuses).containsEntry(REDEMPTION, RedemptionStatus.NEEDS_FOLLOW_UP);
    assertThat(ledger.pointsHeld).containsEntry(REDEMPTION, 500L);
  }

  @Test
  void aFailingFollowUpFlagStillEndsTheSagaWithAnOutcome() {
    ledger.answerReserve(RESERVED);
    platform.createFailures.failAlways(Failures::credentialsRejected);
    platform.revokeFailures.failAlways(Failures::credentialsRejected);
    ledger.flagFailures.failAlways(Failures::balanceLimit);

    RedemptionResult result = redeem();

    assertThat(result.outcome()).isEqualTo(RedemptionOutcome.COUPON_FAILED);
    assertThat(calls.steps())
        .containsExactly(
            "reserve",
            "createDiscountCode",
            "revokeDiscountCode",
            "flagForFollowUp",
            "reverseReservation");
    assertEnded(RedemptionStatus.FAILED);
  }

  /** The redemption ended with this status (never PENDING) and holds no points any more. */
  private void assertEnded(RedemptionStatus status) {
    assertThat(ledger.statuses.get(REDEMPTION))
        .as("final status of the redemption")
        .isNotEqualTo(RedemptionStatus.PENDING)
        .isEqualTo(status);
    assertThat(ledger.pointsHeld).as("points still debited").containsEntry(REDEMPTION, 0L);
  }

  private RedemptionResult redeem() {
    RedeemRewardWorkflow saga =
        testEnv
            .getWorkflowClient()
            .newWorkflowStub(
                RedeemRewardWorkflow.class,
                optionsFor(WorkflowIds.redeemReward(SHOP, REDEMPTION)).build());
    return saga.redeem(new ReserveRedemption(SHOP, CUSTOMER, REWARD_ID, REDEMPTION));
  }
}
