package io.pointsaga.privacy;

/** Who brought a privacy request: Shopify's compliance webhooks, or the operator's API. */
public enum PrivacyRequestSource {
  SHOPIFY_WEBHOOK,
  OPERATOR
}
