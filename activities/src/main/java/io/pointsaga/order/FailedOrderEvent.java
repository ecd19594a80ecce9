package io.pointsaga.order;

/**
 * An order event that failed for good, to be kept in the attention queue (SPEC §11).
 *
 * @param subject the business object, e.g. {@code refund 567 of order 1234}
 * @param problem what went wrong, in business words; the points did not change
 * @param failureType the stable type of the failure (a rejection reason or a failure kind)
 */
public record FailedOrderEvent(
    String eventKey,
    long inboxId,
    String subject,
    String problem,
    String failureType,
    String workflowId) {}
