package io.pointsaga.local.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.MarkerRecordedEventAttributes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SagaShapeTest {

  @Test
  void countsTheStepsAfterTheFirstEventPerSignalledEvent() {
    List<HistoryEvent> history = new ArrayList<>();
    history.add(event(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED));
    history.add(event(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED)); // the payment
    history.addAll(task(marker("LocalActivity"), marker("LocalActivity"), marker("LocalActivity")));
    history.add(event(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED)); // two refunds at once
    history.add(event(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED));
    history.addAll(task(marker("LocalActivity"), marker("Version"), marker("LocalActivity")));
    history.add(event(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED));
    history.add(event(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED));
    history.addAll(
        task(
            marker("LocalActivity"),
            marker("LocalActivity"),
            marker("LocalActivity"),
            marker("LocalActivity")));

    SagaShape shape = SagaShape.perEventAfterFirst(history);

    assertThat(shape).isEqualTo(new SagaShape(1, 3));
  }

  @Test
  void aHistoryWithOneEventCannotTell() {
    List<HistoryEvent> history = new ArrayList<>();
    history.add(event(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED));
    history.add(event(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED));
    history.addAll(task(marker("LocalActivity")));

    assertThatThrownBy(() -> SagaShape.perEventAfterFirst(history))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 signalled");
  }

  private static List<HistoryEvent> task(HistoryEvent... commands) {
    List<HistoryEvent> events = new ArrayList<>();
    events.add(event(EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED));
    events.add(event(EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED));
    events.add(event(EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED));
    events.addAll(List.of(commands));
    return events;
  }

  private static HistoryEvent marker(String name) {
    return HistoryEvent.newBuilder()
        .setEventType(EventType.EVENT_TYPE_MARKER_RECORDED)
        .setMarkerRecordedEventAttributes(
            MarkerRecordedEventAttributes.newBuilder().setMarkerName(name))
        .build();
  }

  private static HistoryEvent event(EventType type) {
    return HistoryEvent.newBuilder().setEventType(type).build();
  }
}
