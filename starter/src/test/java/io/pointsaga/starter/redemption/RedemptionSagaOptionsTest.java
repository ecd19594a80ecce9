package io.pointsaga.starter.redemption;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowOptions;
import org.junit.jupiter.api.Test;

/**
 * The options the redemption sagas start with: eager start asked for (issue 12: on the dev server
 * the admin's cancellation took p50 155 ms without it, 115 ms with it, measured back to back), and
 * the dedupe of a repeated request kept.
 */
class RedemptionSagaOptionsTest {
  @Test
  void sagasAskForAnEagerStartAndJoinARunningOne() {
    for (WorkflowIdReusePolicy reuse :
        new WorkflowIdReusePolicy[] {
          WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE,
          WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE
        }) {
      WorkflowOptions options = RedemptionSagas.options("cancel-redemption/s/r", reuse).build();

      assertThat(options.isDisableEagerExecution()).as("eager start disabled").isFalse();
      assertThat(options.getWorkflowIdConflictPolicy())
          .isEqualTo(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING);
      assertThat(options.getWorkflowIdReusePolicy()).isEqualTo(reuse);
    }
  }
}
