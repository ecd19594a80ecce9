package io.pointsaga.attention;

/** What kind of thing needs a person (SPEC §11). */
public enum AttentionKind {
  /** An order event that failed for good: its points did not change. */
  ORDER_EVENT_FAILED,
  /** A signed webhook delivery whose content breaks the rules of SPEC §8: never applied. */
  WEBHOOK_REJECTED,
  /** A recorded delivery not handed to its saga after repeated attempts. */
  DELIVERY_STUCK,
  /** A redemption saga step failed for good half-way: the redemption is NEEDS_FOLLOW_UP. */
  REDEMPTION_NEEDS_FOLLOW_UP,
  /** A cancellation ended PLATFORM_FAILED: the platform refused or failed for good. */
  REDEMPTION_PLATFORM_FAILED,
  /** A webhook subscription the product needs is missing on the platform. */
  SUBSCRIPTION_MISSING,
  /** A reconciliation run that could not read the platform to the end: orders may be missed. */
  RECONCILIATION_FAILED
}
