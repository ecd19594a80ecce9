package io.pointsaga.redemption;

import io.temporal.api.enums.v1.RetryState;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Retries a platform call from the workflow rather than the server, so that while it keeps failing
 * the workflow's current details (shown in the Temporal UI) say which step, which attempt and the
 * last error. Exponential backoff from one second, capped at ten minutes, for up to a day; a
 * platform's Retry-After replaces the backoff for that attempt; a failure marked non-retryable (bad
 * credentials, rejected input) ends it at once. Each attempt is one activity execution with a
 * single try, so worker restarts and server restarts cost nothing: the wait is a durable timer.
 */
final class PersistentCall {
  static final Duration GIVE_UP_AFTER = Duration.ofDays(1);
  static final Duration FIRST_DELAY = Duration.ofSeconds(1);
  static final Duration MAX_DELAY = Duration.ofMinutes(10);

  private PersistentCall() {}

  static <T> T run(String step, Supplier<T> attempt) {
    long started = Workflow.currentTimeMillis();
    Duration backoff = FIRST_DELAY;
    for (int n = 1; ; n++) {
      try {
        T result = attempt.get();
        Workflow.setCurrentDetails("");
        return result;
      } catch (ActivityFailure failure) {
        if (failure.getRetryState() == RetryState.RETRY_STATE_NON_RETRYABLE_FAILURE
            || failure.getCause() instanceof CanceledFailure) {
          throw failure; // refused for good, or the step was stopped (the shop uninstalled)
        }
        Duration wait = retryAfter(failure, backoff);
        Duration elapsed = Duration.ofMillis(Workflow.currentTimeMillis() - started);
        if (elapsed.plus(wait).compareTo(GIVE_UP_AFTER) > 0) {
          throw failure;
        }
        Workflow.setCurrentDetails(
            "**%s**: attempt %d failed: %s. Next attempt in %s."
                .formatted(step, n, FailureText.of(failure), readable(wait)));
        Workflow.sleep(wait);
        backoff =
            backoff.multipliedBy(2).compareTo(MAX_DELAY) > 0 ? MAX_DELAY : backoff.multipliedBy(2);
      }
    }
  }

  private static Duration retryAfter(ActivityFailure failure, Duration backoff) {
    if (failure.getCause() instanceof ApplicationFailure app
        && app.getNextRetryDelay() != null
        && !app.getNextRetryDelay().isZero()) {
      return app.getNextRetryDelay();
    }
    return backoff;
  }

  private static String readable(Duration d) {
    return d.toSeconds() < 120 ? d.toSeconds() + " s" : d.toMinutes() + " min";
  }
}
