package io.pointsaga.local.e2e;

import io.temporal.api.common.v1.Payloads;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.MarkerRecordedEventAttributes;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** Reads what the real Temporal server recorded: visibility queries and workflow histories. */
final class Histories {
  private static final DataConverter CONVERTER = DefaultDataConverter.newDefaultInstance();

  private final WorkflowClient client;

  Histories(WorkflowClient client) {
    this.client = client;
  }

  /**
   * Runs a visibility query until its result satisfies {@code done} or the time is up (visibility
   * is eventually consistent); answers the last result.
   */
  List<WorkflowExecutionMetadata> list(
      String query, Predicate<List<WorkflowExecutionMetadata>> done, Duration timeout)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    List<WorkflowExecutionMetadata> found = client.listExecutions(query).toList();
    while (!done.test(found) && Instant.now().isBefore(deadline)) {
      Thread.sleep(200);
      found = client.listExecutions(query).toList();
    }
    return found;
  }

  /**
   * A visibility query (e.g. on the sagas' custom search attributes) finds the workflow within 15
   * s; fails the test otherwise, naming what the query found instead.
   */
  void expectFound(String query, String workflowId) throws InterruptedException {
    List<WorkflowExecutionMetadata> found =
        list(query, containsWorkflow(workflowId), Duration.ofSeconds(15));
    if (!containsWorkflow(workflowId).test(found)) {
      throw new AssertionError(
          "["
              + query
              + "] does not find "
              + workflowId
              + "; it finds "
              + found.stream().map(m -> m.getExecution().getWorkflowId()).toList());
    }
  }

  static Predicate<List<WorkflowExecutionMetadata>> containsWorkflow(String workflowId) {
    return list -> list.stream().anyMatch(m -> m.getExecution().getWorkflowId().equals(workflowId));
  }

  WorkflowExecutionHistory history(String workflowId) {
    return client.fetchHistory(workflowId);
  }

  /**
   * Activity types in the order they were scheduled, local activities (recorded as markers)
   * included.
   */
  static List<String> activityTypes(WorkflowExecutionHistory history) {
    return history.getEvents().stream()
        .flatMap(
            e -> {
              if (e.hasActivityTaskScheduledEventAttributes()) {
                return Stream.of(
                    e.getActivityTaskScheduledEventAttributes().getActivityType().getName());
              }
              if (e.hasMarkerRecordedEventAttributes()) {
                return localActivityType(e.getMarkerRecordedEventAttributes()).stream();
              }
              return Stream.empty();
            })
        .toList();
  }

  private static Optional<String> localActivityType(MarkerRecordedEventAttributes marker) {
    Payloads type = marker.getDetailsMap().get("type");
    if (!"LocalActivity".equals(marker.getMarkerName()) || type == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(
        CONVERTER.fromPayloads(0, Optional.of(type), String.class, String.class));
  }

  static long count(WorkflowExecutionHistory history, EventType type) {
    return history.getEvents().stream().filter(e -> e.getEventType() == type).count();
  }

  static boolean completed(WorkflowExecutionHistory history) {
    return history.getLastEvent().getEventType()
        == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED;
  }

  /** Identities of the workers that started workflow and activity tasks. */
  static List<String> workerIdentities(WorkflowExecutionHistory history) {
    return history.getEvents().stream()
        .flatMap(
            (HistoryEvent e) -> {
              if (e.hasWorkflowTaskStartedEventAttributes()) {
                return Stream.of(e.getWorkflowTaskStartedEventAttributes().getIdentity());
              }
              if (e.hasActivityTaskStartedEventAttributes()) {
                return Stream.of(e.getActivityTaskStartedEventAttributes().getIdentity());
              }
              if (e.hasWorkflowTaskCompletedEventAttributes()) {
                return Stream.of(e.getWorkflowTaskCompletedEventAttributes().getIdentity());
              }
              return Stream.empty();
            })
        .distinct()
        .toList();
  }

  private static long millis(HistoryEvent e) {
    return e.getEventTime().getSeconds() * 1000 + e.getEventTime().getNanos() / 1_000_000;
  }

  /** One line per event (ms since the first), for assertion messages. */
  static String describe(WorkflowExecutionHistory history) {
    StringBuilder out = new StringBuilder();
    long first = history.getEvents().isEmpty() ? 0 : millis(history.getEvents().get(0));
    for (HistoryEvent e : history.getEvents()) {
      out.append(e.getEventId())
          .append(" +")
          .append(millis(e) - first)
          .append("ms ")
          .append(e.getEventType().name().replace("EVENT_TYPE_", ""));
      if (e.hasActivityTaskScheduledEventAttributes()) {
        out.append(' ')
            .append(e.getActivityTaskScheduledEventAttributes().getActivityType().getName());
      }
      out.append('\n');
    }
    return out.toString();
  }
}
