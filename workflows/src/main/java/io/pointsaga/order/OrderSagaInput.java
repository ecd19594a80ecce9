package io.pointsaga.order;

import java.util.List;

/**
 * @param carriedOver events not applied yet when the previous run continued as new
 */
public record OrderSagaInput(String shopDomain, String orderId, List<OrderEvent> carriedOver) {
  public OrderSagaInput {
    carriedOver = carriedOver == null ? List.of() : List.copyOf(carriedOver);
  }
}
