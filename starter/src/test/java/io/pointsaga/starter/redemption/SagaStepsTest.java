package io.pointsaga.starter.redemption;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import io.temporal.api.common.v1.ActivityType;
import io.temporal.api.enums.v1.PendingActivityState;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SagaStepsTest {
  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

  @Test
  void aFailureTooLargeToKeepIsReadFromItsCause() {
    Failure failure =
        Failure.newBuilder()
            .setMessage(SagaSteps.SIZE_LIMIT_PLACEHOLDER)
            .setCause(Failure.newBuilder().setMessage("Shopify answered HTTP 503"))
            .build();

    assertThat(SagaSteps.failureText(failure)).isEqualTo("Shopify answered HTTP 503");
  }

  @Test
  void aPendingActivityRetryingIsSaidInBusinessWords() {
    PendingActivityInfo activity =
        PendingActivityInfo.newBuilder()
            .setActivityType(ActivityType.newBuilder().setName("RevokeDiscountCode"))
            .setAttempt(3)
            .setState(PendingActivityState.PENDING_ACTIVITY_STATE_SCHEDULED)
            .setLastFailure(Failure.newBuilder().setMessage("Shopify answered HTTP 503"))
            .setNextAttemptScheduleTime(
                Timestamp.newBuilder().setSeconds(NOW.plusSeconds(8).getEpochSecond()))
            .build();

    assertThat(SagaSteps.activity(activity, NOW))
        .isEqualTo(
            "Revoke the coupon on the platform: attempt 3 (the last one failed: Shopify answered"
                + " HTTP 503), next attempt in 8 s");
  }

  @Test
  void anActivityOfAnotherTypeIsNamedInWordsNotAsAClass() {
    PendingActivityInfo activity =
        PendingActivityInfo.newBuilder()
            .setActivityType(ActivityType.newBuilder().setName("ReserveRedemption"))
            .setAttempt(1)
            .setState(PendingActivityState.PENDING_ACTIVITY_STATE_STARTED)
            .build();

    assertThat(SagaSteps.activity(activity, NOW))
        .isEqualTo("Reserve redemption: attempt 1, running now");
  }

  @Test
  void sqlStackTracesAndClassNamesNeverShow() {
    assertThat(
            SagaSteps.plain(
                "PreparedStatementCallback; SQL [update customer set x = ?]; deadlock detected"))
        .doesNotContain("SQL", "PreparedStatement", "customer");
    assertThat(SagaSteps.plain("org.postgresql.util.PSQLException: ERROR: deadlock"))
        .doesNotContain("postgresql", "PSQL");
    assertThat(
            SagaSteps.plain(
                "java.lang.IllegalStateException: boom\n\tat io.pointsaga.X.y(X.java:1)"))
        .doesNotContain("java.lang", "Exception", "io.pointsaga");
    assertThat(SagaSteps.plain("Revoke coupon PTS-AB12 on demo-shop.myshopify.com: HTTP 503"))
        .isEqualTo("Revoke coupon PTS-AB12 on demo-shop.myshopify.com: HTTP 503");
    assertThat(SagaSteps.plain("x".repeat(1000))).hasSizeLessThan(310);
  }
}
