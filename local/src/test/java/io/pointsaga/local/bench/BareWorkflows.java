package io.pointsaga.local.bench;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link BareWorkflow}s on their own task queue, with a worker of their own on the stack's
 * {@link WorkflowClient} (same Temporal server, same JVM as the sagas), as many at once as the
 * webhook saturation has deliveries in flight.
 */
final class BareWorkflows implements AutoCloseable {
  static final String TASK_QUEUE = "pointsaga-bench-bare";

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
   * Runs {@code count} workflows of this shape, {@code inFlight} at a time, until all completed.
   */
  Throughput run(SagaShape shape, int count, int inFlight) throws Exception {
    String prefix = "bench-bare/" + Long.toString(System.nanoTime(), 36) + "/";
    Semaphore slots = new Semaphore(inFlight);
    List<CompletableFuture<Void>> results = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      slots.acquire();
      WorkflowStub stub =
          client.newUntypedWorkflowStub(
              "BareWorkflow",
              WorkflowOptions.newBuilder()
                  .setTaskQueue(TASK_QUEUE)
                  .setWorkflowId(prefix + i)
                  .build());
      stub.start(shape);
      results.add(stub.getResultAsync(Void.class).whenComplete((ok, error) -> slots.release()));
    }
    CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
    return Throughput.since(count, start);
  }

  @Override
  public void close() {
    factory.shutdown();
    factory.awaitTermination(10, TimeUnit.SECONDS);
  }
}
