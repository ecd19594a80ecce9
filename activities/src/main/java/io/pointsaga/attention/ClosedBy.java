package io.pointsaga.attention;

/** How an attention item was closed; decides whether the same source may open it again. */
public enum ClosedBy {
  /** Handed back to the machine by a retry: reopened if it fails again. */
  RETRY,
  /** Resolved by a person with a note: final, the same source never opens it again. */
  PERSON,
  /** The problem went away by itself (dispatched at last, subscription active again). */
  SYSTEM
}
