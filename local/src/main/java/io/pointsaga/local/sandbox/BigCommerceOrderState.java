package io.pointsaga.local.sandbox;

import java.time.Instant;

/**
 * What a BigCommerce store keeps about an order beyond its lines and refunds: its status ({@code
 * status_id}: 11 Awaiting Fulfillment, 10 Completed, 14 Partially Refunded, 4 Refunded, 5
 * Cancelled, ...) and when it last changed ({@code date_modified}).
 */
record BigCommerceOrderState(int statusId, Instant modifiedAt) {}
