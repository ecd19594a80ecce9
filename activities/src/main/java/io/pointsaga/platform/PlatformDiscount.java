package io.pointsaga.platform;

/** A discount code as the platform knows it: its own id (Shopify GID, BigCommerce coupon id). */
public record PlatformDiscount(String platformDiscountId, String code) {}
