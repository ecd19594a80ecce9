package io.pointsaga.worker;

import io.temporal.spring.boot.WorkerOptionsCustomizer;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Sticky execution (a worker keeps a workflow's state cached and gets its next task first) is on by
 * default. Temporal's Java test server never hands a dead worker's sticky tasks to another worker,
 * so a worker process restarted against it needs {@code POINTSAGA_WORKER_STICKY_EXECUTION=false};
 * real Temporal servers fall back to the normal queue after five seconds and need nothing.
 */
@Component
class StickyExecutionCustomizer implements WorkerOptionsCustomizer {
  private final boolean sticky;

  StickyExecutionCustomizer(@Value("${pointsaga.worker.sticky-execution:true}") boolean sticky) {
    this.sticky = sticky;
  }

  @Override
  public WorkerOptions.Builder customize(
      WorkerOptions.Builder options, String workerName, String taskQueue) {
    return sticky ? options : options.setStickyQueueScheduleToStartTimeout(Duration.ZERO);
  }
}
