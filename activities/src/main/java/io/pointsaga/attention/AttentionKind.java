package io.pointsaga.attention;

/** What kind of thing needs a person (SPEC §11). More kinds come with the full queue. */
public enum AttentionKind {
  /** An order event that failed for good: its points did not change. */
  ORDER_EVENT_FAILED,
  /** A signed webhook delivery whose content breaks the rules of SPEC §8: never applied. */
  WEBHOOK_REJECTED,
  /** A reconciliation run that could not read the platform to the end: orders may be missed. */
  RECONCILIATION_FAILED
}
