package io.pointsaga.starter.web;

import io.temporal.serviceclient.RpcRetryOptions;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.spring.boot.TemporalOptionsCustomizer;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The web node answers admins within seconds: while Temporal is unreachable its calls give up after
 * {@code pointsaga.api.temporal-call-limit} (the API then answers 503, webhooks stay in the inbox)
 * instead of retrying for a minute. Only where the property is set (the starter), so that an
 * embedded worker sharing the connection keeps the SDK's patient defaults.
 */
@Component
@ConditionalOnProperty("pointsaga.api.temporal-call-limit")
class TemporalCallTimeouts
    implements TemporalOptionsCustomizer<WorkflowServiceStubsOptions.Builder> {
  private final Duration limit;

  TemporalCallTimeouts(@Value("${pointsaga.api.temporal-call-limit}") Duration limit) {
    this.limit = limit;
  }

  @Override
  public WorkflowServiceStubsOptions.Builder customize(
      WorkflowServiceStubsOptions.Builder options) {
    return options
        // The first call of a node that never reached Temporal asks for its capabilities first,
        // with its own timeout (5 s by default): without this, the first answer while Temporal
        // is away took 6 s instead of the limit.
        .setSystemInfoTimeout(limit)
        .setRpcTimeout(limit)
        .setRpcQueryTimeout(limit)
        .setRpcRetryOptions(
            RpcRetryOptions.newBuilder().setExpiration(limit).validateBuildWithDefaults());
  }
}
