package io.pointsaga.privacy;

import java.time.Instant;

/**
 * A recorded privacy request.
 *
 * @param customerId the platform's customer id; for {@link PrivacyRequestKind#CUSTOMER_REDACT} (and
 *     any request of a customer redacted since) the pseudonym, never the erased id
 * @param requestRef the platform's request id, the delivery's webhook id, or the operator's
 * @param completedAt when the export was served or the redaction done; null while open
 */
public record PrivacyRequest(
    long id,
    PrivacyRequestKind kind,
    String customerId,
    String requestRef,
    PrivacyRequestSource source,
    Instant receivedAt,
    Instant completedAt) {}
