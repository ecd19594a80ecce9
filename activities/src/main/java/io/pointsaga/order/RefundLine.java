package io.pointsaga.order;

import java.math.BigDecimal;

/**
 * A refunded line: Shopify's {@code refund_line_items[].subtotal}, already net of the line's
 * discount allocations; never shipping.
 */
public record RefundLine(String lineItemId, BigDecimal subtotal) {}
