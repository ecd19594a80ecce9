package io.pointsaga.local.sandbox;

/** Which platform a simulated shop imitates: its API, its ids and the webhooks it sends. */
enum SandboxPlatformKind {
  /** Admin GraphQL, {@code gid://} ids, HMAC-signed REST webhooks. */
  SHOPIFY,
  /**
   * A store's v2/v3 REST API with {@code X-Auth-Token}, numeric ids, hooks that carry ids only and
   * the custom headers set at subscription.
   */
  BIGCOMMERCE
}
