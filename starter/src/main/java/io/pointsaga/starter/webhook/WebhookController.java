package io.pointsaga.starter.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pointsaga.attention.AttentionItems;
import io.pointsaga.attention.AttentionKind;
import io.pointsaga.attention.NewAttentionItem;
import io.pointsaga.platform.PlatformKind;
import io.pointsaga.shop.Shop;
import io.pointsaga.shop.Shops;
import io.pointsaga.starter.privacy.PrivacyWebhooks;
import io.pointsaga.starter.shop.ShopInstallation;
import io.pointsaga.starter.web.ApiError;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Webhook intake (SPEC §5): verify the signature on the raw bytes, record the delivery in the
 * inbox, answer. The saga runs after the response; if Temporal is unreachable the delivery waits in
 * the inbox for the relay. Each answer is counted and logged once by {@link WebhookMetricsFilter}.
 */
@RestController
class WebhookController {
  private final Shops shops;
  private final WebhookInbox inbox;
  private final OrderSagaRelay relay;
  private final ObjectMapper json;
  private final AttentionItems attention;
  private final TransactionTemplate tx;
  private final PrivacyWebhooks privacy;
  private final ShopInstallation installation;
  private final BigCommerceWebhookParser bigCommerce = new BigCommerceWebhookParser();

  WebhookController(
      Shops shops,
      WebhookInbox inbox,
      OrderSagaRelay relay,
      ObjectMapper json,
      AttentionItems attention,
      TransactionTemplate tx,
      PrivacyWebhooks privacy,
      ShopInstallation installation) {
    this.shops = shops;
    this.inbox = inbox;
    this.relay = relay;
    this.json = json;
    this.attention = attention;
    this.tx = tx;
    this.privacy = privacy;
    this.installation = installation;
  }

  @PostMapping("/webhooks/shopify")
  ResponseEntity<?> shopify(
      @RequestBody(required = false) byte[] body,
      @RequestHeader(name = "X-Shopify-Shop-Domain", required = false) String shopDomain,
      @RequestHeader(name = "X-Shopify-Hmac-Sha256", required = false) String hmac,
      @RequestHeader(name = "X-Shopify-Topic", required = false) String topic,
      @RequestHeader(name = "X-Shopify-Event-Id", required = false) String eventId,
      @RequestHeader(name = "X-Shopify-Webhook-Id", required = false) String webhookId) {
    byte[] raw = body == null ? new byte[0] : body;
    if (PrivacyWebhooks.handles(topic)) { // compliance topics: not order events, no inbox
      return privacy.handle(topic, shopDomain, raw, hmac, firstNonBlank(eventId, webhookId));
    }
    Optional<Shop> shop =
        Optional.ofNullable(shopDomain)
            .flatMap(shops::findByDomain)
            .filter(s -> s.platform() == PlatformKind.SHOPIFY);
    if (shop.isEmpty() || !ShopifyWebhookSignature.matches(shop.get().webhookSecret(), raw, hmac)) {
      return unauthorized(
          "The X-Shopify-Hmac-Sha256 signature does not match the body for shop "
              + shopDomain
              + ".");
    }
    Optional<ResponseEntity<?>> lifecycle = installedOrNot(shop.get(), topic, "app/uninstalled");
    if (lifecycle.isPresent()) {
      return lifecycle.get();
    }
    String deliveryKey = firstNonBlank(eventId, webhookId, sha256(raw));
    JsonNode payload;
    try {
      payload = tree(raw);
    } catch (BodyNotJson e) {
      return badRequest(e.getMessage());
    }
    ShopifyWebhookParser shopify = new ShopifyWebhookParser(shop.get().currency());
    return accept(
        shop.get(),
        "SHOPIFY",
        topic,
        deliveryKey,
        raw,
        payload,
        () -> shopify.parse(shop.get().domain(), topic, payload));
  }

  @PostMapping("/webhooks/bigcommerce")
  ResponseEntity<?> bigCommerce(
      @RequestBody(required = false) byte[] body,
      @RequestHeader(name = "X-PointSaga-Shop", required = false) String shopDomain,
      @RequestHeader(name = "X-PointSaga-Webhook-Secret", required = false) String secret) {
    byte[] raw = body == null ? new byte[0] : body;
    Optional<Shop> shop =
        Optional.ofNullable(shopDomain)
            .flatMap(shops::findByDomain)
            .filter(s -> s.platform() == PlatformKind.BIGCOMMERCE);
    if (shop.isEmpty()
        || !BigCommerceWebhookSignature.matches(shop.get().webhookSecret(), secret)) {
      return unauthorized(
          "The X-PointSaga-Webhook-Secret header is missing or wrong for shop " + shopDomain + ".");
    }
    JsonNode payload;
    try {
      payload = tree(raw);
    } catch (BodyNotJson e) {
      return badRequest(e.getMessage());
    }
    String scope = payload.path("scope").asText(null);
    Optional<ResponseEntity<?>> lifecycle =
        installedOrNot(shop.get(), scope, "store/app/uninstalled");
    if (lifecycle.isPresent()) {
      return lifecycle.get();
    }
    String deliveryKey;
    try {
      deliveryKey = bigCommerce.deliveryKey(payload);
    } catch (MalformedWebhookException e) {
      return badRequest(e.getMessage());
    }
    return accept(
        shop.get(),
        "BIGCOMMERCE",
        scope,
        deliveryKey,
        raw,
        payload,
        () -> bigCommerce.parse(shop.get().domain(), payload));
  }

  /**
   * An uninstalled shop's deliveries are ignored (200, so the platform stops); the platform's
   * uninstall topic uninstalls the shop. Empty: an installed shop's order topic, to accept.
   */
  private Optional<ResponseEntity<?>> installedOrNot(
      Shop shop, String topic, String uninstallTopic) {
    if (!shop.active()) {
      return Optional.of(
          ResponseEntity.ok(
              new WebhookAnswer.Ignored(
                  "Shop "
                      + shop.domain()
                      + " has uninstalled PointSaga: the delivery was not applied.")));
    }
    if (uninstallTopic.equals(topic)) {
      installation.uninstall(shop);
      return Optional.of(ResponseEntity.ok(new WebhookAnswer.Uninstalled(shop.domain())));
    }
    return Optional.empty();
  }

  private ResponseEntity<?> accept(
      Shop shop,
      String platform,
      String topic,
      String deliveryKey,
      byte[] raw,
      JsonNode payload,
      ParseStep parse) {
    ParsedDelivery delivery;
    try {
      delivery = parse.run();
    } catch (UnsupportedTopicException e) {
      return ResponseEntity.ok(new WebhookAnswer.Ignored(e.getMessage()));
    } catch (MalformedWebhookException | BodyNotJson e) {
      return badRequest(e.getMessage());
    } catch (InvalidWebhookException e) {
      return ResponseEntity.ok(reject(shop, platform, topic, deliveryKey, raw, payload, e));
    }
    Optional<Long> recorded =
        inbox.record(
            shop.id(), platform, topic, deliveryKey, delivery.businessKey(), delivery.event());
    if (recorded.isEmpty()) {
      return ResponseEntity.ok(new WebhookAnswer.Duplicate(delivery.businessKey()));
    }
    long inboxId = recorded.get();
    relay.dispatchSoon(inboxId, shop.domain(), delivery.withInboxId(inboxId).event());
    return ResponseEntity.ok(new WebhookAnswer.Accepted(inboxId, delivery.businessKey()));
  }

  /**
   * Keeps an authentic but invalid delivery as rejected, with an attention item, in one
   * transaction; a redelivery of it is answered the same and recorded nothing new.
   */
  private WebhookAnswer.Rejected reject(
      Shop shop,
      String platform,
      String topic,
      String deliveryKey,
      byte[] raw,
      JsonNode payload,
      InvalidWebhookException invalid) {
    String reason = invalid.getMessage();
    String orderId = RejectedDelivery.orderId(platform, topic, payload);
    tx.executeWithoutResult(
        status ->
            inbox
                .recordRejected(shop.id(), platform, topic, deliveryKey, orderId, reason, raw)
                .ifPresent(
                    inboxId ->
                        attention.open(
                            shop.id(),
                            new NewAttentionItem(
                                AttentionKind.WEBHOOK_REJECTED,
                                NewAttentionItem.inboxKey(inboxId),
                                RejectedDelivery.subject(platform, topic, payload, deliveryKey),
                                RejectedDelivery.problem(reason),
                                null,
                                inboxId,
                                orderId,
                                null))));
    return new WebhookAnswer.Rejected(reason);
  }

  /** The body is not a JSON object: answered 400 before anything is recorded. */
  private static final class BodyNotJson extends RuntimeException {
    BodyNotJson(String message) {
      super(message);
    }
  }

  @FunctionalInterface
  private interface ParseStep {
    ParsedDelivery run();
  }

  private JsonNode tree(byte[] raw) {
    try {
      JsonNode node = json.readTree(raw);
      if (node == null || !node.isObject()) {
        throw new BodyNotJson("The body must be a JSON object.");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new BodyNotJson("The body is not valid JSON: " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw new BodyNotJson("The body could not be read: " + e.getMessage());
    }
  }

  private static ResponseEntity<ApiError> unauthorized(String message) {
    return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
        .body(new ApiError("invalid_signature", message));
  }

  private static ResponseEntity<ApiError> badRequest(String message) {
    return ResponseEntity.badRequest().body(new ApiError("malformed_webhook", message));
  }

  private static String firstNonBlank(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return null;
  }

  private static String sha256(byte[] raw) {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
