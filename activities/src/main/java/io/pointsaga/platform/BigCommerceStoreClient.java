package io.pointsaga.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Installing a BigCommerce store: {@code GET /v2/store} checks the access token, {@code /v3/hooks}
 * keeps the product's hooks. BigCommerce deactivates a hook it gave up on; such a hook counts as
 * missing and is reactivated ({@code PUT /v3/hooks/{id}}) rather than created again.
 */
final class BigCommerceStoreClient implements ShopPlatformClient {

  /** The scopes the product needs. */
  static final List<String> SCOPES =
      List.of("store/order/statusUpdated", "store/order/refund/created", "store/app/uninstalled");

  static final String SHOP_HEADER = "X-PointSaga-Shop";
  static final String SECRET_HEADER = "X-PointSaga-Webhook-Secret";

  static final String READ_STORE =
      "read the store information and manage webhooks (BigCommerce scopes Information & Settings"
          + " read-only, Orders read-only at least)";

  private static final String STORE_PATH = "/v2/store";
  private static final String HOOKS_PATH = "/v3/hooks";

  /** BigCommerce's largest {@code limit} for v3 collections. */
  static final int PAGE_SIZE = 250;

  /** More pages than this is not a store's hook list but a platform answering in circles. */
  static final int MAX_PAGES = 200;

  private record Hook(long id, boolean active) {}

  private final PlatformHttp http;

  BigCommerceStoreClient(PlatformHttp http) {
    this.http = http;
  }

  @Override
  public ShopProfile profile(PlatformAccount account) {
    PlatformCall call = PlatformCall.of(account, "read", "the store's", "details", READ_STORE);
    PlatformResponse response = http.send(call, request(account, call, STORE_PATH).GET().build());
    if (!response.successful()) {
      throw PlatformFailures.forStatus(call, response);
    }
    JsonNode store = PlatformJson.read(call, response);
    String currency = store.path("currency").textValue();
    if (currency == null) {
      throw PlatformFailures.unreadable(call, response, "a store without a currency");
    }
    return new ShopProfile(store.path("name").asText(""), currency);
  }

  @Override
  public List<WebhookSubscription> subscriptions(
      PlatformAccount account, WebhookEndpoint endpoint) {
    Map<String, Hook> hooks = existing(account, endpoint);
    return SCOPES.stream()
        .map(
            scope -> {
              Hook hook = hooks.get(scope);
              return WebhookSubscription.of(
                  scope, endpoint.address(), hook != null && hook.active());
            })
        .toList();
  }

  @Override
  public List<WebhookSubscription> subscribe(PlatformAccount account, WebhookEndpoint endpoint) {
    Map<String, Hook> hooks = existing(account, endpoint);
    List<WebhookSubscription> after = new ArrayList<>();
    for (String scope : SCOPES) {
      Hook hook = hooks.get(scope);
      if (hook == null) {
        create(account, endpoint, scope);
      } else if (!hook.active()) {
        reactivate(account, scope, hook);
      }
      after.add(WebhookSubscription.of(scope, endpoint.address(), true));
    }
    return after;
  }

  /**
   * The product's hooks on the endpoint's address, by scope, read from every page ({@code
   * meta.pagination.total_pages}; an answer without pagination is one page).
   */
  private Map<String, Hook> existing(PlatformAccount account, WebhookEndpoint endpoint) {
    PlatformCall call = PlatformCall.of(account, "list", "webhook", "hooks", READ_STORE);
    Map<String, Hook> hooks = new HashMap<>();
    for (int page = 1; ; page++) {
      String path = HOOKS_PATH + "?page=" + page + "&limit=" + PAGE_SIZE;
      PlatformResponse response = http.send(call, request(account, call, path).GET().build());
      if (!response.successful()) {
        throw PlatformFailures.forStatus(call, response);
      }
      JsonNode body = PlatformJson.read(call, response);
      JsonNode data = body.path("data");
      if (!data.isArray()) {
        throw PlatformFailures.unreadable(call, response, "no data list of hooks");
      }
      collect(data, endpoint, hooks);
      int totalPages = body.path("meta").path("pagination").path("total_pages").asInt(1);
      if (page >= totalPages) {
        return hooks;
      }
      if (page >= MAX_PAGES) {
        throw PlatformFailures.unreadable(
            call, response, "more than " + MAX_PAGES + " pages of hooks");
      }
    }
  }

  private static void collect(JsonNode data, WebhookEndpoint endpoint, Map<String, Hook> hooks) {
    for (JsonNode hook : data) {
      String scope = hook.path("scope").asText();
      if (!endpoint.address().equals(hook.path("destination").textValue())
          || !SCOPES.contains(scope)) {
        continue;
      }
      Hook found = new Hook(hook.path("id").asLong(), hook.path("is_active").asBoolean(false));
      hooks.merge(scope, found, (a, b) -> a.active() ? a : b);
    }
  }

  private void create(PlatformAccount account, WebhookEndpoint endpoint, String scope) {
    PlatformCall call = PlatformCall.of(account, "create", "webhook hook", scope, READ_STORE);
    ObjectNode hook =
        PlatformJson.object()
            .put("scope", scope)
            .put("destination", endpoint.address())
            .put("is_active", true);
    hook.putObject("headers")
        .put(SHOP_HEADER, account.shopDomain())
        .put(SECRET_HEADER, endpoint.webhookSecret());
    send(call, request(account, call, HOOKS_PATH).POST(body(hook)).build());
  }

  private void reactivate(PlatformAccount account, String scope, Hook hook) {
    PlatformCall call = PlatformCall.of(account, "reactivate", "webhook hook", scope, READ_STORE);
    ObjectNode change = PlatformJson.object().put("is_active", true);
    send(call, request(account, call, HOOKS_PATH + "/" + hook.id()).PUT(body(change)).build());
  }

  private void send(PlatformCall call, HttpRequest request) {
    PlatformResponse response = http.send(call, request);
    if (!response.successful()) {
      throw PlatformFailures.forStatus(call, response);
    }
  }

  private static HttpRequest.BodyPublisher body(ObjectNode json) {
    return HttpRequest.BodyPublishers.ofString(PlatformJson.write(json), StandardCharsets.UTF_8);
  }

  private HttpRequest.Builder request(PlatformAccount account, PlatformCall call, String path) {
    return http.request(call, account.apiBaseUrl(), path)
        .header("X-Auth-Token", account.accessToken())
        .header("Accept", "application/json")
        .header("Content-Type", "application/json");
  }
}
