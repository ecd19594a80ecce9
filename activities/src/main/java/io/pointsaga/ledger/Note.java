package io.pointsaga.ledger;

/**
 * A note in the customer's activity (when {@code customerId} is set) and always in the shop's
 * activity, for things that move no points: compensations, follow-ups, coupon states.
 *
 * @param idempotencyKey derived from the business event, like a ledger key
 */
public record Note(
    long shopId,
    String customerId,
    String kind,
    String redemptionRef,
    String orderRef,
    String message,
    String idempotencyKey) {}
