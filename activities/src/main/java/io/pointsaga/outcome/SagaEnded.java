package io.pointsaga.outcome;

/**
 * A saga run ended.
 *
 * @param subject the business object with its id, e.g. {@code redemption rdm_...}
 * @param outcome the saga's outcome name, e.g. {@code CANCELLED}
 */
public record SagaEnded(
    String workflowId,
    String runId,
    long shopId,
    String shopDomain,
    SagaKind saga,
    String subject,
    String outcome) {}
