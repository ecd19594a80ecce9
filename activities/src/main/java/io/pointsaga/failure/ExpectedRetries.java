package io.pointsaga.failure;

import io.temporal.activity.ActivityInfo;
import io.temporal.failure.ApplicationFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An expected retry (SPEC §12): an activity attempt failed in a way that is retried (a platform's
 * 5xx or 429, a busy or unreachable database, a timeout), by the activity's retry policy or, for a
 * single-attempt platform call, by the saga itself. It is logged as one WARN line naming the step,
 * the attempt, what happens next, the reason and the saga, without a stack trace; the SDK's own
 * WARN with the stack trace is dropped by {@link ExpectedRetryLogFilter}. A failure that is not
 * retryable keeps its stack trace.
 */
final class ExpectedRetries {
  private static final Logger log = LoggerFactory.getLogger(ExpectedRetries.class);

  private ExpectedRetries() {}

  /** A failure that is retried: an {@link ApplicationFailure} not marked non-retryable. */
  static boolean isExpectedRetry(Throwable failure) {
    return failure instanceof ApplicationFailure application && !application.isNonRetryable();
  }

  /**
   * One WARN line, no stack trace. {@code info} may be null (an interceptor not told the context):
   * the line then says less, and never fails.
   */
  static void warn(ActivityInfo info, ApplicationFailure failure) {
    ExpectedRetryLogFilter.ensureInstalled();
    if (info == null) {
      log.warn(
          "an activity attempt failed, will retry: {} ({})",
          failure.getOriginalMessage(),
          failure.getType());
      return;
    }
    int attempt = info.getAttempt();
    int maximum = info.getRetryOptions() == null ? 0 : info.getRetryOptions().getMaximumAttempts();
    String next =
        maximum == 1
            ? "the saga retries it"
            : maximum > 0 && attempt >= maximum ? "no attempts left" : "will retry";
    log.warn(
        "{} attempt {} failed, {}: {} ({}) workflowId={} activityId={}",
        info.getActivityType(),
        attempt,
        next,
        failure.getOriginalMessage(),
        failure.getType(),
        info.getWorkflowId(),
        info.getActivityId());
  }
}
