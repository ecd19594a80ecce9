package io.pointsaga.attention;

import java.time.Instant;

/**
 * One open item of a shop's attention queue.
 *
 * @param subject the business object with its platform id, e.g. {@code refund 567 of order 1234}
 * @param problem what went wrong and what it means, in business words
 * @param workflowId the saga it happened in; null for a rejected delivery
 */
public record AttentionItem(
    long id,
    AttentionKind kind,
    String subject,
    String problem,
    Instant since,
    String workflowId) {}
