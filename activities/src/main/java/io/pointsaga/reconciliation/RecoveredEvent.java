package io.pointsaga.reconciliation;

import io.pointsaga.order.OrderEvent;

/**
 * An event read from the platform, with the business key the webhook of the same event has.
 *
 * @param topic the webhook topic it stands for, as kept in the inbox
 */
record RecoveredEvent(OrderEvent event, String businessKey, String topic) {}
