package io.pointsaga.starter.redemption;

import io.pointsaga.redemption.CancelRedemptionRequest;
import io.pointsaga.redemption.CancelRedemptionWorkflow;
import io.pointsaga.redemption.CancellationResult;
import io.pointsaga.redemption.RedeemRewardWorkflow;
import io.pointsaga.redemption.RedemptionResult;
import io.pointsaga.redemption.ReserveRedemption;
import io.pointsaga.temporal.PointSagaSearchAttributes;
import io.pointsaga.temporal.TaskQueues;
import io.pointsaga.temporal.WorkflowIds;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributes;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Starts the redemption sagas and reads their state; the web layer's only door to Temporal. */
@Component
public class RedemptionSagas {
  private static final Logger log = LoggerFactory.getLogger(RedemptionSagas.class);

  private final WorkflowClient client;
  private final Clock clock;
  private final CancellationRequests cancellations;

  RedemptionSagas(WorkflowClient client, Clock clock, CancellationRequests cancellations) {
    this.client = client;
    this.clock = clock;
    this.cancellations = cancellations;
  }

  /** Where a saga stands: finished with a result, still running at a step, or failed. */
  public sealed interface SagaState<T> {
    String workflowId();

    record Completed<T>(String workflowId, T result) implements SagaState<T> {}

    record Running<T>(String workflowId, String step) implements SagaState<T> {}

    record Failed<T>(String workflowId, String reason) implements SagaState<T> {}
  }

  /**
   * Starts the redemption saga, or joins the one already started for this redemption id (an
   * idempotent retry of the same request), and waits up to {@code wait} for its result.
   */
  public SagaState<RedemptionResult> redeem(ReserveRedemption request, Duration wait) {
    String workflowId = WorkflowIds.redeemReward(request.shopDomain(), request.redemptionId());
    RedeemRewardWorkflow saga =
        client.newWorkflowStub(
            RedeemRewardWorkflow.class,
            options(workflowId, WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                .setTypedSearchAttributes(
                    attributes(request.shopDomain(), request.customerId(), request.redemptionId()))
                .setStaticSummary(
                    "Redeem reward %d for customer %s (redemption %s)"
                        .formatted(
                            request.rewardId(), request.customerId(), request.redemptionId()))
                .setStaticDetails(
                    "Debits the reward's points, creates its coupon on %s's platform; gives the points back if the coupon cannot be created."
                        .formatted(request.shopDomain()))
                .build());
    try {
      WorkflowClient.start(saga::redeem, request);
    } catch (WorkflowExecutionAlreadyStarted alreadyDone) {
      // the same request was made before: answer with that saga's state
    }
    return await(workflowId, RedemptionResult.class, wait);
  }

  /**
   * Starts a cancellation, or joins the one running for this redemption; after a finished one, a
   * new request starts a new run (which sees what the last one did).
   */
  public SagaState<CancellationResult> cancel(
      CancelRedemptionRequest request, String customerId, String couponCode, Duration wait) {
    WorkflowExecution run = startCancellation(request, customerId, couponCode);
    return await(run.getWorkflowId(), run.getRunId(), CancellationResult.class, wait);
  }

  /**
   * Starts the cancellation saga (or joins the running one), recorded as open until it ends: a
   * restart on a Temporal server that lost it starts it again ({@link CancellationRecovery}).
   */
  WorkflowExecution startCancellation(
      CancelRedemptionRequest request, String customerId, String couponCode) {
    String workflowId = WorkflowIds.cancelRedemption(request.shopDomain(), request.redemptionId());
    CancelRedemptionWorkflow saga =
        client.newWorkflowStub(
            CancelRedemptionWorkflow.class,
            options(workflowId, WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
                .setTypedSearchAttributes(
                    attributes(request.shopDomain(), customerId, request.redemptionId()))
                .setStaticSummary(
                    "Cancel redemption %s of customer %s (coupon %s)%s"
                        .formatted(
                            request.redemptionId(),
                            customerId,
                            couponCode,
                            request.refundPointsAnyway() ? ", refunding the points anyway" : ""))
                .setStaticDetails(
                    "An admin of %s asked to cancel this points redemption: revoke coupon %s on the platform, then give the points back (SPEC §4)."
                        .formatted(request.shopDomain(), couponCode))
                .build());
    cancellations.requested(
        request.shopDomain(), request.redemptionId(), request.refundPointsAnyway());
    WorkflowExecution run = WorkflowClient.start(saga::cancel, request);
    closeWhenEnded(request.shopDomain(), request.redemptionId(), run);
    return run;
  }

  /**
   * Marks the request finished once the run ends (with a result or failed); not when the run cannot
   * be followed any more (the server went away): then a restart looks at it again.
   */
  void closeWhenEnded(String shopDomain, String redemptionId, WorkflowExecution run) {
    client
        .newUntypedWorkflowStub(run.getWorkflowId(), Optional.of(run.getRunId()), Optional.empty())
        .getResultAsync(CancellationResult.class)
        .whenComplete(
            (result, failure) -> {
              Throwable cause =
                  failure instanceof java.util.concurrent.CompletionException wrapped
                      ? wrapped.getCause()
                      : failure;
              if (cause == null || cause instanceof WorkflowFailedException) {
                try {
                  cancellations.finished(shopDomain, redemptionId, result);
                } catch (RuntimeException notRecorded) {
                  log.warn(
                      "cancellation of redemption {} ended but could not be marked finished (a"
                          + " restart will look at it again): {}",
                      redemptionId,
                      notRecorded.getMessage());
                }
              }
            });
  }

  /**
   * The latest cancellation of a redemption, if one was ever requested: from Temporal, or, when the
   * server no longer knows it (the embedded mode's in-memory server after a restart), the result
   * kept in the database.
   */
  public Optional<SagaState<CancellationResult>> cancellation(
      String shopDomain, String redemptionId) {
    String workflowId = WorkflowIds.cancelRedemption(shopDomain, redemptionId);
    try {
      return Optional.of(await(workflowId, CancellationResult.class, Duration.ZERO));
    } catch (WorkflowNotFoundException e) {
      return cancellations
          .lastResult(shopDomain, redemptionId)
          .map(result -> new SagaState.Completed<>(workflowId, result));
    }
  }

  /**
   * Eager start (issue 12): where this client's process also runs a worker of the sagas' task queue
   * with a free slot (the embedded mode, a node running both), the server hands the run's first
   * workflow task back with the start's answer instead of through the task queue, sparing the admin
   * one round trip; elsewhere the start is an ordinary one.
   */
  static WorkflowOptions.Builder options(String workflowId, WorkflowIdReusePolicy reuse) {
    return WorkflowOptions.newBuilder()
        .setWorkflowId(workflowId)
        .setTaskQueue(TaskQueues.SAGAS)
        .setDisableEagerExecution(false)
        .setWorkflowIdConflictPolicy(
            WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
        .setWorkflowIdReusePolicy(reuse);
  }

  private static SearchAttributes attributes(String shop, String customer, String redemption) {
    return SearchAttributes.newBuilder()
        .set(PointSagaSearchAttributes.SHOP, shop)
        .set(PointSagaSearchAttributes.CUSTOMER, customer)
        .set(PointSagaSearchAttributes.REDEMPTION, redemption)
        .build();
  }

  private <T> SagaState<T> await(String workflowId, Class<T> type, Duration wait) {
    return await(workflowId, null, type, wait);
  }

  private <T> SagaState<T> await(String workflowId, String runId, Class<T> type, Duration wait) {
    WorkflowStub stub =
        client.newUntypedWorkflowStub(workflowId, Optional.ofNullable(runId), Optional.empty());
    if (wait.isZero()) {
      WorkflowExecutionStatus status = stub.describe().getStatus();
      if (status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
        return new SagaState.Running<>(workflowId, step(stub));
      }
      wait = Duration.ofSeconds(5); // closed: the result is there, fetch it
    }
    try {
      return new SagaState.Completed<>(
          workflowId, stub.getResult(wait.toMillis(), TimeUnit.MILLISECONDS, type));
    } catch (TimeoutException e) {
      return new SagaState.Running<>(workflowId, step(stub));
    } catch (WorkflowFailedException e) {
      return new SagaState.Failed<>(workflowId, reason(e));
    }
  }

  /** What the saga is doing, in business words (see {@link SagaSteps}). */
  private String step(WorkflowStub stub) {
    return SagaSteps.of(stub, clock.instant());
  }

  /** Why the saga failed, in its own words (never SQL or a class name: see SagaSteps.plain). */
  private static String reason(WorkflowFailedException e) {
    Throwable cause = e.getCause();
    while (cause != null) {
      if (cause instanceof ApplicationFailure app) {
        return SagaSteps.plain(app.getOriginalMessage());
      }
      cause = cause.getCause();
    }
    return "The saga ended without a result; its history in Temporal says why.";
  }
}
