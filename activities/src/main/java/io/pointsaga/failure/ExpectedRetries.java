package io.pointsaga.failure;

import io.temporal.activity.ActivityInfo;
import io.temporal.failure.ApplicationFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An expected retry (SPEC §12): an activity attempt failed in a way its retry policy retries (a
 * platform's 5xx or 429, a busy or unreachable database, a timeout). It is logged as one WARN line
 * naming the step, the attempt, the saga and the reason, without a stack trace; the SDK's own WARN
 * with the stack trace is dropped by {@link ExpectedRetryLogFilter}. A failure that will not be
 * retried keeps its stack trace.
 */
final class ExpectedRetries {
  private static final Logger log = LoggerFactory.getLogger(ExpectedRetries.class);

  private ExpectedRetries() {}

  /** A failure the activity's retry policy will retry: retryable and classified as such. */
  static boolean isExpectedRetry(Throwable failure) {
    return failure instanceof ApplicationFailure application && !application.isNonRetryable();
  }

  /**
   * {@code info} may be null (an interceptor not told the context): the line says less, never
   * fails.
   */
  static void warn(ActivityInfo info, ApplicationFailure failure) {
    if (info == null) {
      log.warn(
          "an activity attempt failed, will retry: {} ({})",
          failure.getOriginalMessage(),
          failure.getType());
      return;
    }
    log.warn(
        "{} attempt {} failed, will retry: {} ({}) workflowId={} activityId={}",
        info.getActivityType(),
        info.getAttempt(),
        failure.getOriginalMessage(),
        failure.getType(),
        info.getWorkflowId(),
        info.getActivityId());
  }
}
