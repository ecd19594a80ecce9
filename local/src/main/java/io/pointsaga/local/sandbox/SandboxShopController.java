package io.pointsaga.local.sandbox;

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
 * Shops of the simulated platform (SPEC §10): created here, then installed in PointSaga through the
 * operator's {@code POST /api/v1/shops} with the answer's {@code apiBaseUrl}. A shop's webhook
 * subscriptions can be listed and, as Shopify does after failed deliveries, dropped.
 */
@RestController
class SandboxShopController {

  /**
   * {@code POST /sandbox/shops}; only Shopify is simulated so far. {@code webhookSecret} is the
   * app's API secret the shop signs its webhooks with (null: {@link
   * SimulatedPlatform#DEFAULT_WEBHOOK_SECRET}); install the shop in PointSaga with the same.
   */
  record NewShopRequest(String domain, String platform, String accessToken, String webhookSecret) {
    @Override
    public String toString() {
      return "NewShopRequest[" + domain + " on " + platform + "]";
    }
  }

  record SimulatedShopView(String domain, String platform, String apiBaseUrl) {}

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
    if ("BIGCOMMERCE".equals(request.platform())) {
      throw InvalidSandboxRequestException.invalidField(
          "platform", "BigCommerce is not simulated yet: only SHOPIFY shops can be created");
    }
    if (!"SHOPIFY".equals(request.platform())) {
      throw InvalidSandboxRequestException.invalidField("platform", "platform must be SHOPIFY");
    }
    if (request.accessToken() == null || request.accessToken().isBlank()) {
      throw InvalidSandboxRequestException.invalidField(
          "accessToken", "accessToken must be a non-blank string");
    }
    if (request.webhookSecret() != null && request.webhookSecret().isBlank()) {
      throw InvalidSandboxRequestException.invalidField(
          "webhookSecret", "webhookSecret must be a non-blank string when given");
    }
    platform.registerShop(request.domain(), request.accessToken(), request.webhookSecret());
    String apiBaseUrl =
        ServletUriComponentsBuilder.fromCurrentContextPath()
            .path("/sandbox/shops/{shop}")
            .buildAndExpand(request.domain())
            .toUriString();
    return new SimulatedShopView(request.domain(), "SHOPIFY", apiBaseUrl);
  }

  @GetMapping("/sandbox/shops/{shop}/webhook-subscriptions")
  List<SimulatedWebhookSubscription> subscriptions(@PathVariable("shop") String shopDomain) {
    return platform.shop(shopDomain).webhookSubscriptions();
  }

  /** Drops the topic's subscriptions (e.g. {@code ORDERS_PAID}); 404 when it has none. */
  @DeleteMapping("/sandbox/shops/{shop}/webhook-subscriptions/{topic}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void drop(@PathVariable("shop") String shopDomain, @PathVariable("topic") String topic) {
    if (platform.shop(shopDomain).dropWebhookSubscriptions(topic) == 0) {
      throw new UnknownWebhookSubscriptionException(shopDomain, topic);
    }
  }
}
