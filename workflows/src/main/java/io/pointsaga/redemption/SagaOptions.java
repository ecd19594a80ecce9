package io.pointsaga.redemption;

import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/** Timeouts and retry policies of the redemption sagas' activities, in one place. */
final class SagaOptions {
  private SagaOptions() {}

  /** Ledger work: quick, retried for an hour if the database is away. */
  static ActivityOptions ledger() {
    return retried(Duration.ofSeconds(15), Duration.ofHours(1), Duration.ofMinutes(1));
  }

  static ActivityOptions ledger(String summary) {
    return ledger().toBuilder().setSummary(summary).build();
  }

  /**
   * The same ledger work as a local activity ({@link LedgerSteps}): same timeouts and retries. A
   * retry that waits more than a second waits on a durable timer rather than in the worker (the
   * local retry threshold), so a database away for an hour holds no worker slot and survives a
   * worker restart, as the activity's server-side retries did. The SDK measures a local activity's
   * schedule-to-close on the worker's wall clock, not in workflow time, so the hour is also given
   * as the attempts it holds ({@link #LEDGER_ATTEMPTS_IN_AN_HOUR}): whichever ends first, as in
   * production both end about together, and in a time-skipping test the hour passes as it should.
   */
  static LocalActivityOptions localLedger(String summary) {
    ActivityOptions ledger = ledger();
    return LocalActivityOptions.newBuilder()
        .setStartToCloseTimeout(ledger.getStartToCloseTimeout())
        .setScheduleToCloseTimeout(ledger.getScheduleToCloseTimeout())
        .setRetryOptions(
            ledger.getRetryOptions().toBuilder()
                .setMaximumAttempts(LEDGER_ATTEMPTS_IN_AN_HOUR)
                .build())
        .setLocalRetryThreshold(Duration.ofSeconds(1))
        .setSummary(summary)
        .build();
  }

  /**
   * Attempts of a ledger step failing at once for an hour: waits of 1, 2, 4, 8, 16 and 32 s, then
   * one minute each (63 s + 58 x 60 s = 3543 s), 64 retries.
   */
  static final int LEDGER_ATTEMPTS_IN_AN_HOUR = 65;

  /** Creating a coupon while the admin waits: a minute of retries, then compensate. */
  static ActivityOptions couponCreation() {
    return stoppable(
        retried(Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofSeconds(10)));
  }

  /**
   * Revoking a coupon whose creation failed, while the admin waits: ten minutes of retries, then
   * the redemption is flagged for follow-up.
   */
  static ActivityOptions compensatingRevoke() {
    return stoppable(
        retried(Duration.ofSeconds(30), Duration.ofMinutes(10), Duration.ofMinutes(1)));
  }

  /**
   * One attempt of a platform call that {@link PersistentCall} retries from the workflow (so the
   * workflow can say which attempt it is at): the server does not retry it.
   */
  static ActivityOptions singleAttempt(String summary) {
    return stoppable(
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofSeconds(30))
            .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
            .setSummary(summary)
            .build());
  }

  /**
   * A platform step that the shop's uninstall may stop ({@code ShopUninstallStop}): the saga waits
   * for the server to confirm the cancellation, at once for an attempt waiting on its retry, at the
   * end of an attempt in flight, whose answer, if it came, is then used. (Reporting it at once
   * instead, TRY_CANCEL, records a version marker between the cancel request and its confirmation,
   * which the SDK cannot replay.)
   */
  static ActivityOptions stoppable(ActivityOptions options) {
    return options.toBuilder()
        .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
        .build();
  }

  /** Server-side retries: from one second, doubling, capped, until the overall limit. */
  private static ActivityOptions retried(
      Duration perAttempt, Duration overall, Duration maximumInterval) {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(perAttempt)
        .setScheduleToCloseTimeout(overall)
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofSeconds(1))
                .setBackoffCoefficient(2)
                .setMaximumInterval(maximumInterval)
                .build())
        .build();
  }
}
