package io.pointsaga.starter.webhook;

import org.springframework.stereotype.Component;

/**
 * After a restart: the deliveries whose saga was signalled but had not finished with them are
 * handed over again. On a Temporal server that lost its workflows (the embedded mode's in-memory
 * one) they would otherwise be lost; on a durable one the saga still holds them and the second
 * hand-over changes nothing (each business event is applied once). Deliveries never dispatched are
 * the relay's every second anyway.
 */
@Component
public class UnhandledDeliveries {
  private final WebhookInbox inbox;

  UnhandledDeliveries(WebhookInbox inbox) {
    this.inbox = inbox;
  }

  /** Puts them back in the relay's queue, due now; returns how many. */
  public int dispatchAgain() {
    return inbox.requeueUnhandled();
  }
}
