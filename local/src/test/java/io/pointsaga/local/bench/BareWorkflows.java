package io.pointsaga.local.bench;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link BareWorkflow}s on their own task queue, with a worker of their own on the stack's
 * {@link WorkflowClient} (same Temporal server, same JVM as the sagas).
 */
final class BareWorkflows implements AutoCloseable {
  static final String TASK_QUEUE = "pointsaga-bench-bare";

  /** Threads that start workflows (the webhook relay has two). */
  static final int STARTERS = 4;

  private final WorkflowClient client;
  private final WorkerFactory factory;

  BareWorkflows(WorkflowClient client) {
    this.client = client;
    this.factory = WorkerFactory.newInstance(client);
    Worker worker = factory.newWorker(TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(BareWorkflowImpl.class);
    worker.registerActivitiesImplementations(new NoOpActivities.Impl());
    factory.start();
  }

  /**
   * Runs {@code count} workflows of this shape, at most {@code inFlight} at a time, until all
   * completed. {@link #STARTERS} threads start them, so that one blocking start call at a time is
   * not what limits the rate.
   */
  Throughput run(SagaShape shape, int count, int inFlight) throws Exception {
    String prefix = "bench-bare/" + Long.toString(System.nanoTime(), 36) + "/";
    Semaphore slots = new Semaphore(inFlight);
    List<CompletableFuture<Void>> results = Collections.synchronizedList(new ArrayList<>());
    ExecutorService starters = Executors.newFixedThreadPool(STARTERS);
    long start = System.nanoTime();
    try {
      List<Future<?>> started = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String workflowId = prefix + i;
        started.add(
            starters.submit(
                () -> {
                  slots.acquire();
                  WorkflowStub stub =
                      client.newUntypedWorkflowStub(
                          "BareWorkflow",
                          WorkflowOptions.newBuilder()
                              .setTaskQueue(TASK_QUEUE)
                              .setWorkflowId(workflowId)
                              .build());
                  stub.start(shape);
                  results.add(
                      stub.getResultAsync(Void.class).whenComplete((ok, error) -> slots.release()));
                  return null;
                }));
      }
      for (Future<?> each : started) {
        each.get();
      }
      CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
    } finally {
      starters.shutdownNow();
    }
    return Throughput.since(count, start);
  }

  @Override
  public void close() {
    factory.shutdown();
    factory.awaitTermination(10, TimeUnit.SECONDS);
  }
}
