package io.pointsaga.order;

import java.time.Instant;
import java.util.List;

/**
 * @param carriedOver events not applied yet when the previous run continued as new
 * @param pendingApprovalAt when the order's pending points are to be approved, carried over by
 *     continue-as-new so the timer goes on in the next run; null when none are pending
 */
public record OrderSagaInput(
    String shopDomain, String orderId, List<OrderEvent> carriedOver, Instant pendingApprovalAt) {
  public OrderSagaInput {
    carriedOver = carriedOver == null ? List.of() : List.copyOf(carriedOver);
  }

  /** A run with no pending points to approve (yet). */
  public OrderSagaInput(String shopDomain, String orderId, List<OrderEvent> carriedOver) {
    this(shopDomain, orderId, carriedOver, null);
  }
}
