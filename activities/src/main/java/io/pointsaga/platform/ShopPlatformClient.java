package io.pointsaga.platform;

import java.util.List;

/** A platform's side of installing a shop: credentials check and webhook subscriptions. */
interface ShopPlatformClient {

  /** A read call that needs valid credentials; throws the mapped failure otherwise. */
  ShopProfile profile(PlatformAccount account);

  /** Each subscription the product needs, ACTIVE or MISSING as the platform reports it now. */
  List<WebhookSubscription> subscriptions(PlatformAccount account, WebhookEndpoint endpoint);

  /**
   * Creates (or reactivates) the missing subscriptions, keeping those that exist; answers the list
   * as it is afterwards.
   */
  List<WebhookSubscription> subscribe(PlatformAccount account, WebhookEndpoint endpoint);
}
