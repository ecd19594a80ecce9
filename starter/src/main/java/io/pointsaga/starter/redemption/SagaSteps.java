package io.pointsaga.starter.redemption;

import io.temporal.api.enums.v1.PendingActivityState;
import io.temporal.api.enums.v1.PendingWorkflowTaskState;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.sdk.v1.WorkflowMetadata;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code step} of a running saga in business words (SPEC §8), from the workflow's own account
 * first: the current details it sets while it retries a platform call between timers ("Revoke
 * coupon PTS-... on the platform: attempt 3 failed: HTTP 503. Next attempt in 8 s."), then the
 * server's view of a pending activity, then whether a worker has picked the saga up at all.
 */
final class SagaSteps {
  private static final Logger log = LoggerFactory.getLogger(SagaSteps.class);

  /** Temporal's built-in query answering the workflow's {@link WorkflowMetadata}. */
  static final String METADATA_QUERY = "__temporal_workflow_metadata";

  static final String WAITING_FOR_WORKER = "waiting for a worker to pick the saga up";
  static final String WAITING = "waiting for its next step";

  /** What a failure says when the real one was too large to keep (its cause has it). */
  static final String SIZE_LIMIT_PLACEHOLDER = "Failure exceeds size limit.";

  private static final Map<String, String> ACTIVITY_WORDS =
      Map.of(
          "RevokeDiscountCode", "Revoke the coupon on the platform",
          "LookupDiscountCode", "Look the coupon up on the platform",
          "CreateDiscountCode", "Create the coupon on the platform");

  /** Words that say an exception's text leaked through: never shown to an admin. */
  private static final Pattern TECHNICAL =
      Pattern.compile(
          "\\b[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)+\\.[A-Z]\\w*"
              + "|(?i:exception|\\bsql\\b|preparedstatement|jdbc|postgres|\\binsert into\\b"
              + "|\\bselect\\b.+\\bfrom\\b)");

  private SagaSteps() {}

  static String of(WorkflowStub stub, Instant now) {
    DescribeWorkflowExecutionResponse description = stub.describe().getRawDescription();
    boolean unpicked =
        description.hasPendingWorkflowTask()
            && description.getPendingWorkflowTask().getState()
                == PendingWorkflowTaskState.PENDING_WORKFLOW_TASK_STATE_SCHEDULED
            && description.getPendingWorkflowTask().getAttempt() <= 1
            && description.getPendingActivitiesCount() == 0;
    if (!unpicked) {
      Optional<String> details = currentDetails(stub);
      if (details.isPresent()) {
        return details.get();
      }
    }
    if (description.getPendingActivitiesCount() > 0) {
      return activity(description.getPendingActivities(0), now);
    }
    return description.hasPendingWorkflowTask() ? WAITING_FOR_WORKER : WAITING;
  }

  /** The details the workflow set (e.g. between retries), as plain text; empty if none. */
  private static Optional<String> currentDetails(WorkflowStub stub) {
    try {
      String details = stub.query(METADATA_QUERY, WorkflowMetadata.class).getCurrentDetails();
      return details == null || details.isBlank()
          ? Optional.empty()
          : Optional.of(plain(details.replace("**", "")));
    } catch (RuntimeException e) {
      // no worker answers queries right now: fall back to the server's description
      log.debug("metadata query failed", e);
      return Optional.empty();
    }
  }

  static String activity(PendingActivityInfo activity, Instant now) {
    String type = activity.getActivityType().getName();
    StringBuilder step =
        new StringBuilder(ACTIVITY_WORDS.getOrDefault(type, humanize(type)))
            .append(": attempt ")
            .append(activity.getAttempt());
    if (activity.hasLastFailure() && activity.getAttempt() > 1) {
      step.append(" (the last one failed: ")
          .append(failureText(activity.getLastFailure()))
          .append(')');
    }
    if (activity.getState() == PendingActivityState.PENDING_ACTIVITY_STATE_SCHEDULED
        && activity.hasNextAttemptScheduleTime()) {
      Instant next =
          Instant.ofEpochSecond(
              activity.getNextAttemptScheduleTime().getSeconds(),
              activity.getNextAttemptScheduleTime().getNanos());
      step.append(", next attempt in ").append(readable(Duration.between(now, next)));
    } else if (activity.getState() == PendingActivityState.PENDING_ACTIVITY_STATE_STARTED) {
      step.append(", running now");
    } else {
      step.append(", waiting for a worker");
    }
    return step.toString();
  }

  /** A failure's message, or its cause's when the server replaced it with a placeholder. */
  static String failureText(Failure failure) {
    String message = failure.getMessage();
    if (SIZE_LIMIT_PLACEHOLDER.equals(message) && failure.hasCause()) {
      message = failure.getCause().getMessage();
    }
    return plain(message);
  }

  /** Short, and never SQL, a stack trace or a class name. */
  static String plain(String text) {
    if (text == null || text.isBlank()) {
      return "no details";
    }
    String line = text.strip();
    int newline = line.indexOf('\n');
    if (newline >= 0) {
      line = line.substring(0, newline);
    }
    if (TECHNICAL.matcher(line).find()) {
      return "a technical error (details in the worker's log)";
    }
    return line.length() > 300 ? line.substring(0, 300) + "…" : line;
  }

  private static String humanize(String type) {
    String words = type.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    return words.isEmpty() ? "A step" : Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }

  private static String readable(Duration wait) {
    long seconds = Math.max(0, wait.toSeconds());
    return seconds < 120 ? seconds + " s" : wait.toMinutes() + " min";
  }
}
