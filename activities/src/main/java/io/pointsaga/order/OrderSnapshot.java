package io.pointsaga.order;

import java.util.List;

/**
 * An order as the platform reported it, in platform-neutral terms.
 *
 * @param financialStatus Shopify's financial_status (paid, partially_refunded, refunded, voided...)
 * @param discountCodes codes used at checkout: a redeemed reward's coupon is one of them
 * @param refunds refunds the platform included with the order (Shopify's Order resource has them)
 */
public record OrderSnapshot(
    String orderId,
    String customerId,
    String currency,
    List<OrderLine> lines,
    List<String> discountCodes,
    String financialStatus,
    boolean cancelled,
    List<RefundSnapshot> refunds) {}
