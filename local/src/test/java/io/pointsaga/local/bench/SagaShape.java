package io.pointsaga.local.bench;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import java.util.List;

/**
 * How many activities and local activities the order saga runs per event, counted from a real
 * saga's history rather than assumed: the bare workflow then follows the saga if the saga changes.
 */
public record SagaShape(int activities, int localActivities) {
  /** The marker a local activity leaves in the history (version markers have another name). */
  static final String LOCAL_ACTIVITY_MARKER = "LocalActivity";

  /**
   * The steps per event after the history's first event: counts what was scheduled after the first
   * event was handled and divides by the events signalled since. The saga handles one event's steps
   * in the workflow task that follows its signal, so the first event's steps all come before the
   * second signal (a signal that arrives during a task is recorded after it).
   *
   * @param history a saga's history whose first signal was handled before the others were sent (the
   *     payment of a saturation order, before its refunds)
   */
  static SagaShape perEventAfterFirst(List<HistoryEvent> history) {
    int signals = 0;
    int activities = 0;
    int localActivities = 0;
    for (HistoryEvent event : history) {
      if (event.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED) {
        signals++;
      } else if (signals < 2) {
        continue;
      } else if (event.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) {
        activities++;
      } else if (event.getEventType() == EventType.EVENT_TYPE_MARKER_RECORDED
          && LOCAL_ACTIVITY_MARKER.equals(
              event.getMarkerRecordedEventAttributes().getMarkerName())) {
        localActivities++;
      }
    }
    int events = signals - 1;
    if (events < 1) {
      throw new IllegalArgumentException(
          "the history has " + signals + " signalled events; at least 2 are needed");
    }
    return new SagaShape(
        Math.round((float) activities / events), Math.round((float) localActivities / events));
  }

  @Override
  public String toString() {
    return "%d activities and %d local activities".formatted(activities, localActivities);
  }
}
