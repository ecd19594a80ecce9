package io.pointsaga.local.bench;

import io.temporal.activity.ActivityInterface;

/** A step that does nothing, for {@link BareWorkflow}. */
@ActivityInterface(namePrefix = "Bench")
public interface NoOpActivities {
  void nothing();

  /** The implementation: returns at once. */
  final class Impl implements NoOpActivities {
    @Override
    public void nothing() {}
  }
}
