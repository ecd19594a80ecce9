package io.pointsaga.local.sandbox;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The platform calls of the adapter, by the names that fault injection and call counters use (SPEC
 * §7): each Shopify GraphQL root field the sandbox understands belongs to one of them.
 */
enum PlatformOperation {
  CREATE_DISCOUNT_CODE("createDiscountCode"),
  LOOKUP_DISCOUNT_CODE("lookupDiscountCode"),
  REVOKE_DISCOUNT_CODE("revokeDiscountCode"),
  READ_SHOP("readShop"),
  LIST_WEBHOOK_SUBSCRIPTIONS("listWebhookSubscriptions"),
  CREATE_WEBHOOK_SUBSCRIPTION("createWebhookSubscription"),
  /** Reconciliation's read of the orders changed since its cursor. */
  LIST_ORDERS("listOrders");

  private final String wireName;

  PlatformOperation(String wireName) {
    this.wireName = wireName;
  }

  @JsonValue
  String wireName() {
    return wireName;
  }

  static Optional<PlatformOperation> fromWireName(String name) {
    return Arrays.stream(values()).filter(operation -> operation.wireName.equals(name)).findFirst();
  }

  static String allowedNames() {
    return Arrays.stream(values())
        .map(PlatformOperation::wireName)
        .collect(Collectors.joining(", "));
  }
}
