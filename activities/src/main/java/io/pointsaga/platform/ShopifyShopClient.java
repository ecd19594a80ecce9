package io.pointsaga.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Installing a Shopify shop through the Admin GraphQL API (2025-10): {@code shop} checks the access
 * token, {@code webhookSubscriptions} and {@code webhookSubscriptionCreate} keep the product's
 * subscriptions. Subscriptions use the {@code uri} field, which replaces the deprecated {@code
 * callbackUrl} from 2025-10.
 */
final class ShopifyShopClient implements ShopPlatformClient {

  /** The topics the product needs, as Shopify's {@code WebhookSubscriptionTopic} names them. */
  static final List<String> TOPICS =
      List.of(
          "ORDERS_PAID",
          "REFUNDS_CREATE",
          "ORDERS_UPDATED",
          "ORDERS_CANCELLED",
          "ORDERS_EDITED",
          "APP_UNINSTALLED");

  static final String READ_ORDERS = "read orders (Shopify access scope read_orders)";

  /** Shopify's maximum page. */
  static final int PAGE_SIZE = 250;

  /** More pages than this is not a shop's subscription list but a platform answering in circles. */
  static final int MAX_PAGES = 200;

  private static final String PROFILE = "query ShopCheck { shop { name currencyCode } }";

  private static final String LIST =
      """
      query ListWebhookSubscriptions($first: Int!, $after: String) {
        webhookSubscriptions(first: $first, after: $after) {
          edges { node { id topic uri } }
          pageInfo { hasNextPage endCursor }
        }
      }
      """;

  private static final String CREATE =
      """
      mutation SubscribeWebhook($topic: WebhookSubscriptionTopic!,
          $webhookSubscription: WebhookSubscriptionInput!) {
        webhookSubscriptionCreate(topic: $topic, webhookSubscription: $webhookSubscription) {
          webhookSubscription { id topic uri }
          userErrors { field message }
        }
      }
      """;

  private final ShopifyGraphql graphql;

  ShopifyShopClient(PlatformHttp http) {
    this.graphql = new ShopifyGraphql(http);
  }

  @Override
  public ShopProfile profile(PlatformAccount account) {
    PlatformCall call = PlatformCall.of(account, "read", "the shop's", "details", READ_ORDERS);
    JsonNode shop = graphql.execute(account, call, PROFILE, PlatformJson.object()).path("shop");
    String currency = shop.path("currencyCode").textValue();
    if (currency == null) {
      throw PlatformFailures.unexpected(call, "a shop without a currencyCode");
    }
    return new ShopProfile(shop.path("name").asText(""), currency);
  }

  @Override
  public List<WebhookSubscription> subscriptions(
      PlatformAccount account, WebhookEndpoint endpoint) {
    Set<String> present = existing(account, endpoint);
    return TOPICS.stream()
        .map(topic -> WebhookSubscription.of(topic, endpoint.address(), present.contains(topic)))
        .toList();
  }

  @Override
  public List<WebhookSubscription> subscribe(PlatformAccount account, WebhookEndpoint endpoint) {
    Set<String> present = existing(account, endpoint);
    List<WebhookSubscription> after = new ArrayList<>();
    for (String topic : TOPICS) {
      if (!present.contains(topic)) {
        create(account, endpoint, topic);
      }
      after.add(WebhookSubscription.of(topic, endpoint.address(), true));
    }
    return after;
  }

  /** The topics subscribed to the endpoint's address, read from every page of the connection. */
  private Set<String> existing(PlatformAccount account, WebhookEndpoint endpoint) {
    PlatformCall call = PlatformCall.of(account, "list", "webhook", "subscriptions", READ_ORDERS);
    Set<String> topics = new HashSet<>();
    String after = null;
    for (int page = 1; ; page++) {
      ObjectNode variables = PlatformJson.object().put("first", PAGE_SIZE);
      if (after != null) {
        variables.put("after", after);
      }
      JsonNode connection =
          graphql.execute(account, call, LIST, variables).path("webhookSubscriptions");
      if (!connection.path("edges").isArray()) {
        throw PlatformFailures.unexpected(call, "no webhookSubscriptions edges");
      }
      for (JsonNode edge : connection.path("edges")) {
        JsonNode node = edge.path("node");
        if (endpoint.address().equals(node.path("uri").textValue())) {
          topics.add(node.path("topic").asText());
        }
      }
      JsonNode pageInfo = connection.path("pageInfo");
      if (!pageInfo.path("hasNextPage").asBoolean(false)) {
        return topics;
      }
      String next = pageInfo.path("endCursor").textValue();
      if (next == null || next.equals(after) || page >= MAX_PAGES) {
        throw PlatformFailures.unexpected(
            call,
            "a next page of webhookSubscriptions without a new endCursor (page " + page + ")");
      }
      after = next;
    }
  }

  private void create(PlatformAccount account, WebhookEndpoint endpoint, String topic) {
    PlatformCall call =
        PlatformCall.of(account, "create", "webhook subscription", topic, READ_ORDERS);
    ObjectNode variables = PlatformJson.object().put("topic", topic);
    variables.putObject("webhookSubscription").put("uri", endpoint.address()).put("format", "JSON");
    JsonNode payload =
        graphql.execute(account, call, CREATE, variables).path("webhookSubscriptionCreate");
    List<ShopifyUserError> errors = ShopifyUserError.listFrom(payload);
    if (errors.isEmpty()) {
      if (payload.path("webhookSubscription").path("id").textValue() == null) {
        throw PlatformFailures.unexpected(call, "neither a subscription id nor userErrors");
      }
      return;
    }
    // Created by a concurrent install between the list and this create: keep it.
    if (errors.stream().allMatch(ShopifyShopClient::saysAlreadyTaken)) {
      return;
    }
    throw PlatformFailures.rejected(
        call,
        ShopifyUserError.describe(errors),
        "Check that the address is a public https URL and the token may read orders.");
  }

  private static boolean saysAlreadyTaken(ShopifyUserError error) {
    return error.describe().toLowerCase(Locale.ROOT).contains("already been taken");
  }
}
