package io.pointsaga.starter.redemption;

import io.pointsaga.redemption.CancelRedemptionRequest;
import io.pointsaga.temporal.WorkflowIds;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowStub;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * After a restart: every cancellation that was open when the service stopped goes on. On a durable
 * Temporal server its saga is still there and simply continues (resumed); on a server that lost it
 * (the embedded mode's in-memory one) it is started again from the request kept in the database
 * (restarted): the saga is keyed by the redemption and every step is idempotent, so a restart never
 * refunds twice. A saga that ended while nobody watched is marked finished.
 */
@Component
public class CancellationRecovery {
  private static final Logger log = LoggerFactory.getLogger(CancellationRecovery.class);

  private final CancellationRequests requests;
  private final RedemptionSagas sagas;
  private final WorkflowClient client;

  CancellationRecovery(
      CancellationRequests requests, RedemptionSagas sagas, WorkflowClient client) {
    this.requests = requests;
    this.sagas = sagas;
    this.client = client;
  }

  /** What a recovery found. */
  public record Recovered(int resumed, int restarted, int alreadyEnded) {}

  public Recovered resumeOpenCancellations() {
    int resumed = 0;
    int restarted = 0;
    int ended = 0;
    for (CancellationRequests.Open open : requests.open()) {
      String workflowId = WorkflowIds.cancelRedemption(open.shopDomain(), open.redemptionId());
      WorkflowStub latest = client.newUntypedWorkflowStub(workflowId);
      WorkflowExecutionDescription description;
      try {
        description = latest.describe();
      } catch (WorkflowNotFoundException lost) {
        description = null;
      }
      if (description == null) {
        sagas.startCancellation(
            new CancelRedemptionRequest(
                open.shopDomain(), open.redemptionId(), open.refundPointsAnyway()),
            open.customerId(),
            open.couponCode());
        log.info(
            "cancellation of redemption {} in {} restarted: the Temporal server had lost its saga",
            open.redemptionId(),
            open.shopDomain());
        restarted++;
      } else {
        // running: followed until it ends; ended: its result is read at once
        WorkflowExecution run = description.getExecution();
        sagas.closeWhenEnded(open.shopDomain(), open.redemptionId(), run);
        if (description.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
          resumed++;
        } else {
          ended++;
        }
      }
    }
    return new Recovered(resumed, restarted, ended);
  }
}
