package io.pointsaga.starter.attention;

/**
 * What a retry did, in business words.
 *
 * @param workflowId the saga that runs it now, if any
 */
record RetryOutcome(RetryAction action, String message, String workflowId) {}
