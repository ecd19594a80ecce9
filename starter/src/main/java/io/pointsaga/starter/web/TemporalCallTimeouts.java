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
  /** The SDK's own first backoff, kept unless the ceiling is lower. */
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);

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
        // The SDK checks the expiration only after an attempt failed and sleeps its backoff first
        // (x1.7 each time, up to 50 times the initial interval): with the default ceiling the last
        // sleep alone took 1.4 s, and the 503 came after 3.5 s instead of 2. A ceiling of a tenth
        // of the limit keeps the overshoot to one short sleep.
        .setRpcRetryOptions(
            RpcRetryOptions.newBuilder()
                .setExpiration(limit)
                .setInitialInterval(min(FIRST_BACKOFF, retryCeiling(limit)))
                .setMaximumInterval(retryCeiling(limit))
                .validateBuildWithDefaults());
  }

  static Duration retryCeiling(Duration limit) {
    return limit.dividedBy(10);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
