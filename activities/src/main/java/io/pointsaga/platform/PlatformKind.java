package io.pointsaga.platform;

public enum PlatformKind {
  SHOPIFY,
  BIGCOMMERCE
}
