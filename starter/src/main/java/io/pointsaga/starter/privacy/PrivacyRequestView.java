package io.pointsaga.starter.privacy;

import io.pointsaga.privacy.PrivacyRequest;
import io.pointsaga.privacy.PrivacyRequestKind;
import io.pointsaga.privacy.PrivacyRequestSource;
import java.time.Instant;

/**
 * A privacy request as the API shows it.
 *
 * @param customerId the platform's customer id; a pseudonym once the customer was redacted
 * @param completedAt when the export was served or the redaction done; null while open
 */
record PrivacyRequestView(
    long id,
    PrivacyRequestKind kind,
    String customerId,
    String requestRef,
    PrivacyRequestSource source,
    Instant receivedAt,
    Instant completedAt) {

  static PrivacyRequestView of(PrivacyRequest request) {
    return new PrivacyRequestView(
        request.id(),
        request.kind(),
        request.customerId(),
        request.requestRef(),
        request.source(),
        request.receivedAt(),
        request.completedAt());
  }
}
