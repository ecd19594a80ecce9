package io.pointsaga.local.sandbox;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Shops of the simulated platforms (SPEC §10): created here, then installed in PointSaga through
 * the operator's {@code POST /api/v1/shops} with the answer's {@code apiBaseUrl}. A shop's webhook
 * subscriptions (a BigCommerce store's hooks) can be listed and, as the platforms do after failed
 * deliveries, dropped (Shopify) or deactivated (BigCommerce).
 */
@RestController
class SandboxShopController {

  /**
   * {@code POST /sandbox/shops}, {@code platform} SHOPIFY or BIGCOMMERCE. Shopify: {@code
   * webhookSecret} is the app's API secret the shop signs its webhooks with (null: {@link
   * SimulatedPlatform#DEFAULT_WEBHOOK_SECRET}); install the shop in PointSaga with the same.
   * BigCommerce signs nothing (its hooks carry the headers the subscriber set): no webhookSecret.
   */
  record NewShopRequest(String domain, String platform, String accessToken, String webhookSecret) {
    @Override
    public String toString() {
      return "NewShopRequest[" + domain + " on " + platform + "]";
    }
  }

  /**
   * @param storeHash BigCommerce's store hash (its webhooks' {@code producer} is {@code
   *     stores/{hash}}); null for Shopify
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record SimulatedShopView(String domain, String platform, String apiBaseUrl, String storeHash) {}

  /**
   * A hook of a BigCommerce store, as the sandbox lists it (its headers hold secrets: left out).
   */
  record HookView(long id, String scope, String destination, boolean isActive) {}

  private final SimulatedPlatform platform;

  SandboxShopController(SimulatedPlatform platform) {
    this.platform = platform;
  }

  /**
   * Creates the shop; creating it again replaces its access token (and webhook secret, when given)
   * and keeps everything else.
   */
  @PostMapping("/sandbox/shops")
  @ResponseStatus(HttpStatus.CREATED)
  SimulatedShopView create(@RequestBody NewShopRequest request) {
    if (request.domain() == null
        || !request.domain().matches("^[A-Za-z0-9][A-Za-z0-9.-]{0,252}$")) {
      throw InvalidSandboxRequestException.invalidField(
          "domain", "domain must be a host name such as new-shop.myshopify.com");
    }
    SandboxPlatformKind kind = platformOf(request.platform());
    if (request.accessToken() == null || request.accessToken().isBlank()) {
      throw InvalidSandboxRequestException.invalidField(
          "accessToken", "accessToken must be a non-blank string");
    }
    if (request.webhookSecret() != null && request.webhookSecret().isBlank()) {
      throw InvalidSandboxRequestException.invalidField(
          "webhookSecret", "webhookSecret must be a non-blank string when given");
    }
    if (kind == SandboxPlatformKind.BIGCOMMERCE && request.webhookSecret() != null) {
      throw InvalidSandboxRequestException.invalidField(
          "webhookSecret",
          "BigCommerce signs no webhook: install the store with a webhookSecret of your own, which"
              + " PointSaga sets as a header of its hooks");
    }
    platform.registerShop(request.domain(), kind, request.accessToken(), request.webhookSecret());
    String apiBaseUrl =
        ServletUriComponentsBuilder.fromCurrentContextPath()
            .path("/sandbox/shops/{shop}")
            .buildAndExpand(request.domain())
            .toUriString();
    SimulatedShop shop = platform.shop(request.domain());
    return new SimulatedShopView(
        request.domain(),
        kind.name(),
        apiBaseUrl,
        kind == SandboxPlatformKind.BIGCOMMERCE ? shop.storeHash() : null);
  }

  /** Shopify: its subscriptions; BigCommerce: its hooks ({@link HookView}). */
  @GetMapping("/sandbox/shops/{shop}/webhook-subscriptions")
  List<?> subscriptions(@PathVariable("shop") String shopDomain) {
    SimulatedShop shop = platform.shop(shopDomain);
    if (shop.platformKind() == SandboxPlatformKind.BIGCOMMERCE) {
      return shop.hooks().stream()
          .map(h -> new HookView(h.id(), h.scope(), h.destination(), h.active()))
          .toList();
    }
    return shop.webhookSubscriptions();
  }

  /**
   * Shopify: drops the topic's subscriptions (e.g. {@code ORDERS_PAID}). BigCommerce: deactivates
   * the hooks of the scope given with {@code /} as {@code .}, e.g. {@code
   * store.order.statusUpdated} (the platform keeps a hook it gave up on, inactive). 404 when there
   * is none.
   */
  @DeleteMapping("/sandbox/shops/{shop}/webhook-subscriptions/{topic}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void drop(@PathVariable("shop") String shopDomain, @PathVariable("topic") String topic) {
    SimulatedShop shop = platform.shop(shopDomain);
    int changed =
        shop.platformKind() == SandboxPlatformKind.BIGCOMMERCE
            ? shop.deactivateHooks(topic.replace('.', '/'), platform.nowForResources())
            : shop.dropWebhookSubscriptions(topic);
    if (changed == 0) {
      throw new UnknownWebhookSubscriptionException(shopDomain, topic);
    }
  }

  private static SandboxPlatformKind platformOf(String name) {
    for (SandboxPlatformKind kind : SandboxPlatformKind.values()) {
      if (kind.name().equals(name)) {
        return kind;
      }
    }
    throw InvalidSandboxRequestException.invalidField(
        "platform", "platform must be SHOPIFY or BIGCOMMERCE");
  }
}
