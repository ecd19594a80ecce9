package io.pointsaga.order;

import java.math.BigDecimal;
import java.util.List;

/**
 * A refund as the platform reported it.
 *
 * @param shippingRefunded shipping given back (never counts toward points)
 * @param storeCredit the money went to store credit, which cancels no points by default
 */
public record RefundSnapshot(
    String refundId, List<RefundLine> lines, BigDecimal shippingRefunded, boolean storeCredit) {

  public BigDecimal refundedAmount() {
    return lines.stream().map(RefundLine::subtotal).reduce(BigDecimal.ZERO, BigDecimal::add);
  }
}
