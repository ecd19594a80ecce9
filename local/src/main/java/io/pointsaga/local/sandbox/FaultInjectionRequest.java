package io.pointsaga.local.sandbox;

/**
 * Body of {@code POST /sandbox/shops/{shop}/faults}. Fields are bound loosely (operation and kind
 * as text) so that {@link #validated()} can name the bad field and the values it allows.
 */
record FaultInjectionRequest(
    String operation, Integer failures, String kind, Integer retryAfterSeconds) {

  static final int MAX_FAILURES = 1000;
  static final int DEFAULT_RETRY_AFTER_SECONDS = 1;
  static final int MAX_RETRY_AFTER_SECONDS = 3600;

  /**
   * The fault to queue and how many times, or {@link InvalidSandboxRequestException} naming the bad
   * field.
   */
  ValidFaultInjection validated() {
    PlatformOperation validOperation =
        PlatformOperation.fromWireName(operation)
            .orElseThrow(
                () ->
                    InvalidSandboxRequestException.invalidField(
                        "operation",
                        "operation must be one of: "
                            + PlatformOperation.allowedNames()
                            + " (got "
                            + quoted(operation)
                            + ")"));
    if (failures == null || failures < 1 || failures > MAX_FAILURES) {
      throw InvalidSandboxRequestException.invalidField(
          "failures",
          "failures must be a whole number from 1 to " + MAX_FAILURES + " (got " + failures + ")");
    }
    FaultKind validKind =
        FaultKind.fromName(kind)
            .orElseThrow(
                () ->
                    InvalidSandboxRequestException.invalidField(
                        "kind",
                        "kind must be one of: "
                            + FaultKind.allowedNames()
                            + " (got "
                            + quoted(kind)
                            + ")"));
    int retryAfter = retryAfterSeconds == null ? DEFAULT_RETRY_AFTER_SECONDS : retryAfterSeconds;
    if (retryAfter < 0 || retryAfter > MAX_RETRY_AFTER_SECONDS) {
      throw InvalidSandboxRequestException.invalidField(
          "retryAfterSeconds",
          "retryAfterSeconds must be from 0 to "
              + MAX_RETRY_AFTER_SECONDS
              + " (got "
              + retryAfter
              + ")");
    }
    Integer retryAfterOf429 = validKind == FaultKind.HTTP_429 ? retryAfter : null;
    return new ValidFaultInjection(
        new PendingFault(validOperation, validKind, retryAfterOf429), failures);
  }

  private static String quoted(String value) {
    return value == null ? "nothing" : "\"" + value + "\"";
  }

  record ValidFaultInjection(PendingFault fault, int failures) {}
}
