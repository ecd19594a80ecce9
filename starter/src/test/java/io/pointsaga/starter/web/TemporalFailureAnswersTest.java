package io.pointsaga.starter.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowServiceException;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/** An outage is 503 "try again"; a refusal by a reachable Temporal is not an outage. */
class TemporalFailureAnswersTest {
  private final ApiExceptionHandler handler = new ApiExceptionHandler();

  @Test
  void unreachableOrTimedOutIsTemporalUnavailable() {
    for (Status status : new Status[] {Status.UNAVAILABLE, Status.DEADLINE_EXCEEDED}) {
      ResponseEntity<ApiError> answer = handler.temporalDown(new StatusRuntimeException(status));
      assertThat(answer.getStatusCode().value()).as(status.getCode().name()).isEqualTo(503);
      assertThat(answer.getBody().error()).isEqualTo("temporal_unavailable");
    }
  }

  @Test
  void aRefusalByTheServerIsABadGatewayNotAnOutage() {
    StatusRuntimeException refused =
        new StatusRuntimeException(
            Status.INVALID_ARGUMENT.withDescription(
                "search attribute PointSagaShop is not defined"));
    ResponseEntity<ApiError> direct = handler.temporalDown(refused);
    ResponseEntity<ApiError> wrapped =
        handler.temporalDown(
            new WorkflowServiceException(
                WorkflowExecution.newBuilder().setWorkflowId("w").build(),
                "RedeemReward",
                refused));

    for (ResponseEntity<ApiError> answer : java.util.List.of(direct, wrapped)) {
      assertThat(answer.getStatusCode().value()).isEqualTo(502);
      assertThat(answer.getBody().error()).isEqualTo("temporal_refused");
      assertThat(answer.getBody().message()).doesNotContain("PointSagaShop", "INVALID_ARGUMENT");
    }
  }
}
