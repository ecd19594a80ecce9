package io.pointsaga.local.sandbox;

import java.time.Instant;
import java.util.Map;

/**
 * A webhook ("hook") registered on a simulated BigCommerce store through {@code /v3/hooks}: the
 * store POSTs the scope's events to {@code destination} with {@code headers} added, while {@code
 * active}.
 *
 * @param headers the custom headers BigCommerce sends with every delivery (how a receiver
 *     authenticates them: BigCommerce signs nothing)
 */
record SimulatedHook(
    long id,
    String scope,
    String destination,
    Map<String, String> headers,
    boolean active,
    Instant createdAt,
    Instant updatedAt) {

  SimulatedHook {
    headers = Map.copyOf(headers);
  }

  SimulatedHook changed(
      String newScope,
      String newDestination,
      Map<String, String> newHeaders,
      boolean nowActive,
      Instant now) {
    return new SimulatedHook(id, newScope, newDestination, newHeaders, nowActive, createdAt, now);
  }
}
