package io.pointsaga.local.sandbox;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** How an injected fault makes a platform call fail. */
enum FaultKind {
  /** HTTP 500 with Shopify's "Internal Server Error" body. */
  HTTP_500,
  /** HTTP 429 with a {@code Retry-After} header, as Shopify's REST-style rate limit. */
  HTTP_429,
  /**
   * No answer before the client gives up: 504 after {@code pointsaga.sandbox.timeout-fault-delay}.
   */
  TIMEOUT,
  /** The connection is cut in the middle of the response. */
  RESET,
  /** HTTP 200 with a GraphQL {@code THROTTLED} error, as Shopify's cost-based rate limit. */
  THROTTLED;

  static Optional<FaultKind> fromName(String name) {
    return Arrays.stream(values()).filter(kind -> kind.name().equals(name)).findFirst();
  }

  static String allowedNames() {
    return Arrays.stream(values()).map(FaultKind::name).collect(Collectors.joining(", "));
  }
}
