package io.pointsaga.local.sandbox;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One injected failure waiting for the next call of its operation.
 *
 * @param retryAfterSeconds the {@code Retry-After} of an {@link FaultKind#HTTP_429}; null for other
 *     kinds
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record PendingFault(PlatformOperation operation, FaultKind kind, Integer retryAfterSeconds) {}
