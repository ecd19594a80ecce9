package io.pointsaga.local.bench;

import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * Runs the shape's activities, then its local activities, one after the other, as the saga does.
 */
public class BareWorkflowImpl implements BareWorkflow {
  private final NoOpActivities activities =
      Workflow.newActivityStub(
          NoOpActivities.class,
          ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(30)).build());
  private final NoOpActivities localActivities =
      Workflow.newLocalActivityStub(
          NoOpActivities.class,
          LocalActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(15)).build());

  @Override
  public void run(SagaShape shape) {
    for (int i = 0; i < shape.activities(); i++) {
      activities.nothing();
    }
    for (int i = 0; i < shape.localActivities(); i++) {
      localActivities.nothing();
    }
  }
}
