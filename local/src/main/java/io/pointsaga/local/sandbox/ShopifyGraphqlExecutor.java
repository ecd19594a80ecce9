package io.pointsaga.local.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Runs one recognised root field against a simulated shop and builds Shopify's JSON answer (HTTP
 * 200: {@code {"data": ...}}, or {@code {"errors": [...]}} for an unusable variable).
 */
final class ShopifyGraphqlExecutor {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final String CREATE_INPUT = "basicCodeDiscount";
  private static final String DISCOUNT_DOES_NOT_EXIST = "Discount does not exist";

  /** The {@code WebhookSubscriptionTopic} values the simulated platform knows. */
  private static final Set<String> WEBHOOK_TOPICS =
      Set.of(
          "ORDERS_PAID",
          "ORDERS_UPDATED",
          "ORDERS_CANCELLED",
          "ORDERS_EDITED",
          "REFUNDS_CREATE",
          "APP_UNINSTALLED",
          "CUSTOMERS_DATA_REQUEST",
          "CUSTOMERS_REDACT",
          "SHOP_REDACT");

  private final SimulatedPlatform platform;

  ShopifyGraphqlExecutor(SimulatedPlatform platform) {
    this.platform = platform;
  }

  ObjectNode execute(GraphqlRootField rootField, SimulatedShop shop, JsonNode variables) {
    return switch (rootField) {
      case DISCOUNT_CODE_BASIC_CREATE -> createBasicCode(shop, variables.path(CREATE_INPUT));
      case CODE_DISCOUNT_NODE_BY_CODE -> lookUpByCode(shop, variables);
      case DISCOUNT_CODE_DEACTIVATE -> deactivate(shop, variables);
      case DISCOUNT_CODE_DELETE -> delete(shop, variables);
      case SHOP -> shopDetails(shop);
      case WEBHOOK_SUBSCRIPTIONS -> webhookSubscriptions(shop);
      case WEBHOOK_SUBSCRIPTION_CREATE -> createWebhookSubscription(shop, variables);
      case ORDERS -> ShopifyOrderNodes.ordersPage(shop, variables);
    };
  }

  /** The simulated shops sell in US dollars. */
  private static ObjectNode shopDetails(SimulatedShop shop) {
    ObjectNode details = JSON.objectNode().put("name", shop.domain()).put("currencyCode", "USD");
    return data(GraphqlRootField.SHOP, details);
  }

  /** Every subscription of the shop, in one page. */
  private static ObjectNode webhookSubscriptions(SimulatedShop shop) {
    ObjectNode connection = JSON.objectNode();
    var edges = connection.putArray("edges");
    for (SimulatedWebhookSubscription subscription : shop.webhookSubscriptions()) {
      edges.addObject().set("node", subscriptionNode(subscription));
    }
    connection.putObject("pageInfo").put("hasNextPage", false);
    return data(GraphqlRootField.WEBHOOK_SUBSCRIPTIONS, connection);
  }

  private ObjectNode createWebhookSubscription(SimulatedShop shop, JsonNode variables) {
    String topic = nonBlankText(variables.path("topic"));
    if (topic == null || !WEBHOOK_TOPICS.contains(topic)) {
      return ShopifyResponseBodies.invalidVariable("topic", "WebhookSubscriptionTopic!");
    }
    JsonNode input = variables.path("webhookSubscription");
    String uri = nonBlankText(input.path("uri"));
    if (uri == null) {
      uri = nonBlankText(input.path("callbackUrl")); // deprecated since 2025-10, still accepted
    }
    String format = input.path("format").asText("JSON");
    List<ShopifyUserError> errors = new ArrayList<>();
    if (uri == null || !(uri.startsWith("http://") || uri.startsWith("https://"))) {
      errors.add(
          ShopifyUserError.invalid("Address is invalid", "webhookSubscription", "callbackUrl"));
    }
    Optional<SimulatedWebhookSubscription> created =
        errors.isEmpty() ? platform.subscribe(shop, topic, uri, format) : Optional.empty();
    if (errors.isEmpty() && created.isEmpty()) {
      errors.add(
          ShopifyUserError.invalid(
              "Address for this topic has already been taken",
              "webhookSubscription",
              "callbackUrl"));
    }
    ObjectNode payload = JSON.objectNode();
    payload.set(
        "webhookSubscription",
        created.<JsonNode>map(ShopifyGraphqlExecutor::subscriptionNode).orElse(JSON.nullNode()));
    payload.set("userErrors", userErrors(errors));
    return data(GraphqlRootField.WEBHOOK_SUBSCRIPTION_CREATE, payload);
  }

  private static ObjectNode subscriptionNode(SimulatedWebhookSubscription subscription) {
    ObjectNode node =
        JSON.objectNode()
            .put("id", subscription.id())
            .put("topic", subscription.topic())
            .put("uri", subscription.uri())
            .put("format", subscription.format());
    node.putObject("endpoint")
        .put("__typename", "WebhookHttpEndpoint")
        .put("callbackUrl", subscription.uri());
    return node;
  }

  private ObjectNode createBasicCode(SimulatedShop shop, JsonNode input) {
    String code = nonBlankText(input.path("code"));
    String title = nonBlankText(input.path("title"));
    JsonNode amountNode =
        input.path("customerGets").path("value").path("discountAmount").path("amount");
    String amountText = nonBlankText(amountNode);

    List<ShopifyUserError> errors = new ArrayList<>();
    if (code == null) {
      errors.add(ShopifyUserError.blank("Code can't be blank", CREATE_INPUT, "code"));
    }
    if (title == null) {
      errors.add(ShopifyUserError.blank("Title can't be blank", CREATE_INPUT, "title"));
    }
    String[] amountField = {CREATE_INPUT, "customerGets", "value", "discountAmount", "amount"};
    Optional<BigDecimal> amount = Optional.empty();
    if (amountText == null) {
      errors.add(ShopifyUserError.blank("Amount can't be blank", amountField));
    } else {
      amount = positiveDecimal(amountText);
      if (amount.isEmpty()) {
        errors.add(ShopifyUserError.invalid("Amount must be a number greater than 0", amountField));
      }
    }
    if (!errors.isEmpty()) {
      return createPayload(null, errors);
    }

    Optional<SimulatedDiscountCode> created =
        platform.createDiscountCode(shop, code, title, amount.get());
    if (created.isEmpty()) {
      return createPayload(
          null,
          List.of(
              ShopifyUserError.taken(
                  "Code must be unique. Please try a different code.", CREATE_INPUT, "code")));
    }
    return createPayload(created.get(), List.of());
  }

  private ObjectNode createPayload(SimulatedDiscountCode created, List<ShopifyUserError> errors) {
    ObjectNode payload = JSON.objectNode();
    payload.set("codeDiscountNode", created == null ? JSON.nullNode() : idNode(created));
    payload.set("userErrors", userErrors(errors));
    return data(GraphqlRootField.DISCOUNT_CODE_BASIC_CREATE, payload);
  }

  private ObjectNode lookUpByCode(SimulatedShop shop, JsonNode variables) {
    String code = nonBlankText(variables.path("code"));
    if (code == null) {
      return ShopifyResponseBodies.invalidVariable("code", "String!");
    }
    JsonNode node =
        shop.lookUpByCode(code).<JsonNode>map(this::codeDiscountNode).orElse(JSON.nullNode());
    return data(GraphqlRootField.CODE_DISCOUNT_NODE_BY_CODE, node);
  }

  private ObjectNode codeDiscountNode(SimulatedDiscountCode discountCode) {
    ObjectNode node = idNode(discountCode);
    node.putObject("codeDiscount")
        .put("__typename", "DiscountCodeBasic")
        .put("status", shopifyStatusOf(discountCode.state()))
        .put("asyncUsageCount", discountCode.usageCount());
    return node;
  }

  /**
   * Shopify has no "deactivated" status: deactivation ends the code, which then reports EXPIRED.
   */
  private static String shopifyStatusOf(DiscountCodeState state) {
    return state == DiscountCodeState.DEACTIVATED ? "EXPIRED" : state.name();
  }

  private ObjectNode deactivate(SimulatedShop shop, JsonNode variables) {
    String id = nonBlankText(variables.path("id"));
    if (id == null) {
      return ShopifyResponseBodies.invalidVariable("id", "ID!");
    }
    ObjectNode payload = JSON.objectNode();
    Optional<SimulatedDiscountCode> deactivated = shop.deactivate(id);
    payload.set(
        "codeDiscountNode", deactivated.<JsonNode>map(this::idNode).orElse(JSON.nullNode()));
    payload.set(
        "userErrors",
        userErrors(deactivated.isPresent() ? List.of() : List.of(discountDoesNotExist())));
    return data(GraphqlRootField.DISCOUNT_CODE_DEACTIVATE, payload);
  }

  private ObjectNode delete(SimulatedShop shop, JsonNode variables) {
    String id = nonBlankText(variables.path("id"));
    if (id == null) {
      return ShopifyResponseBodies.invalidVariable("id", "ID!");
    }
    ObjectNode payload = JSON.objectNode();
    Optional<SimulatedDiscountCode> deleted = shop.delete(id);
    if (deleted.isPresent()) {
      payload.put("deletedCodeDiscountId", deleted.get().platformDiscountId());
    } else {
      payload.putNull("deletedCodeDiscountId");
    }
    payload.set(
        "userErrors",
        userErrors(deleted.isPresent() ? List.of() : List.of(discountDoesNotExist())));
    return data(GraphqlRootField.DISCOUNT_CODE_DELETE, payload);
  }

  private static ShopifyUserError discountDoesNotExist() {
    return ShopifyUserError.invalid(DISCOUNT_DOES_NOT_EXIST, "id");
  }

  private ObjectNode idNode(SimulatedDiscountCode discountCode) {
    return JSON.objectNode().put("id", discountCode.platformDiscountId());
  }

  private static JsonNode userErrors(List<ShopifyUserError> errors) {
    var array = JSON.arrayNode();
    errors.forEach(error -> array.add(error.toJson()));
    return array;
  }

  static ObjectNode data(GraphqlRootField rootField, JsonNode payload) {
    ObjectNode body = JSON.objectNode();
    body.putObject("data").set(rootField.fieldName(), payload);
    return body;
  }

  /**
   * Text of a string or number variable, or null when it is absent, null, blank or of another type.
   */
  private static String nonBlankText(JsonNode node) {
    if (!node.isTextual() && !node.isNumber()) {
      return null;
    }
    String text = node.asText();
    return text.isBlank() ? null : text;
  }

  private static Optional<BigDecimal> positiveDecimal(String text) {
    try {
      BigDecimal value = new BigDecimal(text.trim());
      return value.signum() > 0 ? Optional.of(value) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
