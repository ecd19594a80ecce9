package io.pointsaga.starter.attention;

import io.pointsaga.attention.AttentionItems;
import io.pointsaga.attention.AttentionKind;
import io.pointsaga.attention.NewAttentionItem;
import io.pointsaga.platform.WebhookSubscription;
import io.pointsaga.shop.Shop;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Keeps the shop's missing webhook subscriptions in its attention queue, whenever they are checked
 * or repaired: a missing one opens its item (once), an active one closes it.
 */
@Component
public class SubscriptionAttention {
  private final AttentionItems items;

  SubscriptionAttention(AttentionItems items) {
    this.items = items;
  }

  /** Records what the platform reported just now. */
  public void record(Shop shop, List<WebhookSubscription> subscriptions) {
    for (WebhookSubscription subscription : subscriptions) {
      String key = NewAttentionItem.subscriptionKey(subscription.topic());
      if (subscription.status() == WebhookSubscription.Status.MISSING) {
        items.open(
            shop.id(),
            new NewAttentionItem(
                AttentionKind.SUBSCRIPTION_MISSING,
                key,
                "webhook subscription " + subscription.topic(),
                ("The platform has no active subscription for %s to %s, so those webhooks do not"
                        + " arrive (reconciliation still finds the orders). Retry creates it again.")
                    .formatted(subscription.topic(), subscription.address()),
                null,
                null,
                null,
                null,
                null));
      } else {
        items.closeSource(shop.id(), key, "The subscription is active again.");
      }
    }
  }
}
