package io.pointsaga.failure;

import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.spring.boot.TemporalOptionsCustomizer;
import io.temporal.worker.WorkerFactoryOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Adds {@link ActivityFailureInterceptor} to every worker factory the Temporal starter builds (the
 * worker process and the embedded mode), after any interceptor already configured.
 */
@Component
public class ActivityFailureClassification
    implements TemporalOptionsCustomizer<WorkerFactoryOptions.Builder> {

  @Override
  public WorkerFactoryOptions.Builder customize(WorkerFactoryOptions.Builder options) {
    WorkerInterceptor[] configured = options.build().getWorkerInterceptors();
    List<WorkerInterceptor> interceptors =
        new ArrayList<>(configured == null ? List.of() : Arrays.asList(configured));
    if (interceptors.stream().noneMatch(ActivityFailureInterceptor.class::isInstance)) {
      interceptors.add(new ActivityFailureInterceptor());
    }
    return options.setWorkerInterceptors(interceptors.toArray(WorkerInterceptor[]::new));
  }
}
