package io.pointsaga.ledger;

/** Why a balance changed (SPEC §2). */
public enum EntryKind {
  EARN,
  REDEEM,
  REDEMPTION_REFUND,
  REDEMPTION_REVERSAL,
  REFUND_CLAWBACK,
  VOID_CLAWBACK,
  CANCEL_CLAWBACK,
  /** An order edit removed items before fulfilment (Shopify orders/edited). */
  EDIT_CLAWBACK,
  COUPON_POINTS_RESTORED,
  MANUAL_ADJUSTMENT,
  EXPIRY
}
