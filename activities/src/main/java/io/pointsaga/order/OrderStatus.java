package io.pointsaga.order;

/** Where an order stands for points: OPEN keeps counting; the others had their points cancelled. */
public enum OrderStatus {
  OPEN,
  REFUNDED,
  VOIDED,
  CANCELLED
}
