package io.pointsaga.platform;

import io.pointsaga.order.OrderSnapshot;
import java.time.Instant;

/**
 * An order as the platform's order list shows it now, read by reconciliation (SPEC §10).
 *
 * @param order the order with all its refunds, in the same terms the webhooks give
 * @param updatedAt when the platform last changed it: the reconciliation cursor follows these
 * @param paid the platform took the payment (paid, or refunded since): the order earned points
 * @param bigCommerceStatusId BigCommerce's status id; null for Shopify
 */
public record ChangedOrder(
    OrderSnapshot order, Instant updatedAt, boolean paid, Integer bigCommerceStatusId) {}
