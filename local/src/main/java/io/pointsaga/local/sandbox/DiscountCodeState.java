package io.pointsaga.local.sandbox;

/** Life cycle of a discount code on the simulated platform. */
enum DiscountCodeState {
  ACTIVE,
  /**
   * Deactivated through {@code discountCodeDeactivate}: Shopify then reports the code as EXPIRED.
   */
  DEACTIVATED,
  /**
   * Deleted through {@code discountCodeDelete}: lookups no longer find it, but the code stays
   * taken.
   */
  DELETED
}
