package io.pointsaga.local.sandbox;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The platform calls of the adapter, by the names that fault injection and call counters use (SPEC
 * §7): each Shopify GraphQL root field and each BigCommerce API call the sandbox understands
 * belongs to one of them.
 */
enum PlatformOperation {
  CREATE_DISCOUNT_CODE("createDiscountCode"),
  LOOKUP_DISCOUNT_CODE("lookupDiscountCode"),
  REVOKE_DISCOUNT_CODE("revokeDiscountCode"),
  READ_SHOP("readShop"),
  LIST_WEBHOOK_SUBSCRIPTIONS("listWebhookSubscriptions"),
  CREATE_WEBHOOK_SUBSCRIPTION("createWebhookSubscription"),
  /** BigCommerce {@code GET /v2/orders/{id}}, its products and its coupons. */
  READ_ORDER("readOrder"),
  /** BigCommerce {@code GET /v3/orders/{id}/payment_actions/refunds}. */
  READ_REFUNDS("readRefunds"),
  /**
   * The orders changed since a date (reconciliation): BigCommerce {@code GET
   * /v2/orders?min_date_modified=...}, Shopify's Admin GraphQL {@code orders} query.
   */
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
