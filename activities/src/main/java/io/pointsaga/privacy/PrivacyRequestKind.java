package io.pointsaga.privacy;

/** What a customer (through the platform or the operator) asked of the shop's data. */
public enum PrivacyRequestKind {
  /** Send the customer everything held about them: served by the export. */
  DATA_REQUEST,
  /** Erase the customer's personal data: done when recorded. */
  CUSTOMER_REDACT
}
