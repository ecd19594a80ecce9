package io.pointsaga.redemption;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TimeoutFailure;

/** The part of an activity failure an admin or operator can read. */
public final class FailureText {
  private FailureText() {}

  public static String of(ActivityFailure failure) {
    Throwable cause = failure.getCause();
    if (cause instanceof ApplicationFailure app) {
      return app.getOriginalMessage();
    }
    if (cause instanceof TimeoutFailure timeout) {
      Throwable last = timeout.getCause();
      String lastError =
          last instanceof ApplicationFailure app ? "; last error: " + app.getOriginalMessage() : "";
      return "gave up after retrying for the step's time limit ("
          + timeout.getTimeoutType()
          + ")"
          + lastError;
    }
    return cause == null ? failure.getMessage() : cause.getMessage();
  }
}
