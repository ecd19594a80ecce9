package io.pointsaga.shop;

/** Whether the merchant has PointSaga installed (SPEC §9). */
public enum ShopStatus {
  ACTIVE,
  /** Uninstalled: admin tokens refused, webhooks ignored, the platform not called; ledger kept. */
  UNINSTALLED
}
