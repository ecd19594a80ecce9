package io.pointsaga.starter.attention;

/** What a retry from the attention queue did. */
enum RetryAction {
  /** The redemption's cancellation saga ran again, with its idempotent keys. */
  CANCELLATION_RUN,
  /** The failed order event was handed to its order saga again under its business key. */
  EVENT_HANDED_TO_SAGA,
  /** The stuck delivery was handed to its saga again. */
  DELIVERY_DISPATCHED_AGAIN,
  /** The rejected delivery was validated again with the shop's current rules. */
  DELIVERY_VALIDATED_AGAIN,
  /** The missing webhook subscriptions were created again on the platform. */
  SUBSCRIPTIONS_REPAIRED,
  /** A reconciliation run was started. */
  RECONCILIATION_STARTED
}
