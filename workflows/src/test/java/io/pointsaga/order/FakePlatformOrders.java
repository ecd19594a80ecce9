package io.pointsaga.order;

import io.pointsaga.platform.PlatformFailure;
import io.pointsaga.platform.PlatformOrderActivities;
import io.temporal.failure.ApplicationFailure;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An in-memory BigCommerce: resolves ids-only events into the events the fake knows; an unknown
 * refund or status fails for good, like the real adapter's "not found".
 */
final class FakePlatformOrders implements PlatformOrderActivities {
  /** Resolved events by the ids-only event's key. */
  final Map<String, OrderEvent> resolved = new ConcurrentHashMap<>();

  /** When set, every resolve throws what it supplies (to script a failing platform). */
  volatile java.util.function.Supplier<RuntimeException> failure;

  private final FakeOrderActivities log;

  FakePlatformOrders(FakeOrderActivities log) {
    this.log = log;
  }

  @Override
  public OrderEvent resolve(OrderEvent event) {
    log.log("resolve " + event.eventKey());
    java.util.function.Supplier<RuntimeException> failing = failure;
    if (failing != null) {
      throw failing.get();
    }
    OrderEvent answer = resolved.get(event.eventKey());
    if (answer == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "BigCommerce does not know %s of order %s (HTTP 404)"
              .formatted(event.eventKey(), event.orderId()),
          PlatformFailure.REJECTED);
    }
    return answer;
  }
}
