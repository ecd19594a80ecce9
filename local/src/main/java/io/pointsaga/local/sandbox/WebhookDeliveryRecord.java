package io.pointsaga.local.sandbox;

import java.time.Instant;

/**
 * What became of one send of a webhook (SPEC §10), as {@code GET
 * /sandbox/shops/{shop}/webhook-deliveries} lists it: {@code DROPPED} by the delivery policy, or
 * {@code SENT} with the HTTP status answered (0 when no answer came; {@code error} says why).
 *
 * @param orderId the order the event is about
 */
record WebhookDeliveryRecord(
    String topic,
    String orderId,
    String eventId,
    String webhookId,
    String address,
    Outcome outcome,
    int status,
    String error,
    Instant at) {

  enum Outcome {
    DROPPED,
    SENT
  }
}
