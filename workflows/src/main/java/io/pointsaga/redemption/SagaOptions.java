package io.pointsaga.redemption;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/** Timeouts and retry policies of the redemption sagas' activities, in one place. */
final class SagaOptions {
  private SagaOptions() {}

  /** Ledger work: quick, retried for an hour if the database is away. */
  static ActivityOptions ledger() {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofSeconds(15))
        .setScheduleToCloseTimeout(Duration.ofHours(1))
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofSeconds(1))
                .setBackoffCoefficient(2)
                .setMaximumInterval(Duration.ofMinutes(1))
                .build())
        .build();
  }

  /** Creating a coupon while the admin waits: a minute of retries, then compensate. */
  static ActivityOptions couponCreation() {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofSeconds(30))
        .setScheduleToCloseTimeout(Duration.ofMinutes(1))
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofSeconds(1))
                .setBackoffCoefficient(2)
                .setMaximumInterval(Duration.ofSeconds(10))
                .build())
        .build();
  }

  /**
   * Revoking a coupon whose creation failed, while the admin waits: ten minutes of retries, then
   * the redemption is flagged for follow-up.
   */
  static ActivityOptions compensatingRevoke() {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofSeconds(30))
        .setScheduleToCloseTimeout(Duration.ofMinutes(10))
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofSeconds(1))
                .setBackoffCoefficient(2)
                .setMaximumInterval(Duration.ofMinutes(1))
                .build())
        .build();
  }

  /**
   * Looking up and revoking a coupon: durable. Exponential backoff capped at ten minutes, for up to
   * a day; a 429's Retry-After replaces the backoff for that attempt.
   */
  static ActivityOptions durablePlatformCall() {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofSeconds(30))
        .setScheduleToCloseTimeout(Duration.ofDays(1))
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofSeconds(1))
                .setBackoffCoefficient(2)
                .setMaximumInterval(Duration.ofMinutes(10))
                .build())
        .build();
  }
}
