package io.pointsaga.starter.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pointsaga.platform.PlatformKind;
import io.pointsaga.privacy.ErasureOutcome;
import io.pointsaga.privacy.ErasureResult;
import io.pointsaga.privacy.PrivacyRequest;
import io.pointsaga.privacy.PrivacyRequestSource;
import io.pointsaga.privacy.RedactionOutcome;
import io.pointsaga.privacy.RedactionResult;
import io.pointsaga.shop.Shop;
import io.pointsaga.shop.Shops;
import io.pointsaga.starter.web.ApiError;
import io.pointsaga.starter.web.PathPatterns;
import io.pointsaga.starter.webhook.ShopifyWebhookSignature;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Shopify's compliance webhooks (SPEC §9): {@code customers/data_request}, {@code
 * customers/redact}, {@code shop/redact}. Not order events: they never enter the order inbox or a
 * saga; each is done before the answer, idempotently (a redelivery changes nothing more).
 *
 * <p>The signature rule is the other topics': the shop's webhook secret, 401 when it does not
 * match. They are served for an uninstalled shop too (Shopify sends {@code shop/redact} 48 hours
 * after the uninstall). A shop erased before keeps its secret in {@code erased_shop}, so a
 * redelivery signed with it is answered 200 {@code ignored}; a domain never installed is 401, as
 * for every topic (answering 200 unsigned would tell anyone which shops were never here).
 */
@Component
public class PrivacyWebhooks {
  private final Shops shops;
  private final PrivacyService privacy;
  private final ObjectMapper json;

  PrivacyWebhooks(Shops shops, PrivacyService privacy, ObjectMapper json) {
    this.shops = shops;
    this.privacy = privacy;
    this.json = json;
  }

  /** Whether {@code topic} is a compliance topic, answered by {@link #handle}. */
  public static boolean handles(String topic) {
    return PrivacyTopic.of(topic).isPresent();
  }

  /**
   * @param deliveryKey the delivery's event id (or webhook id): a redelivery carries the same
   */
  public ResponseEntity<?> handle(
      String topic, String shopDomain, byte[] raw, String hmac, String deliveryKey) {
    PrivacyTopic kind =
        PrivacyTopic.of(topic)
            .orElseThrow(() -> new IllegalArgumentException("not a privacy topic: " + topic));
    Optional<Shop> shop =
        Optional.ofNullable(shopDomain)
            .flatMap(shops::findByDomain)
            .filter(s -> s.platform() == PlatformKind.SHOPIFY);
    if (shop.isEmpty()) {
      boolean erasedAndSigned =
          shopDomain != null
              && privacy
                  .erasedShopSecret(shopDomain, PlatformKind.SHOPIFY.name())
                  .filter(secret -> ShopifyWebhookSignature.matches(secret, raw, hmac))
                  .isPresent();
      return erasedAndSigned
          ? ResponseEntity.ok(
              PrivacyWebhookAnswer.ignored(
                  "Shop " + shopDomain + " was erased: nothing is held about it any more."))
          : unauthorized(shopDomain);
    }
    if (!ShopifyWebhookSignature.matches(shop.get().webhookSecret(), raw, hmac)) {
      return unauthorized(shopDomain);
    }
    String key = deliveryKey == null || deliveryKey.isBlank() ? sha256(raw) : deliveryKey;
    try {
      return ResponseEntity.ok(
          switch (kind) {
            case CUSTOMERS_DATA_REQUEST -> dataRequest(shop.get(), raw, key);
            case CUSTOMERS_REDACT -> customerRedact(shop.get(), raw, key);
            case SHOP_REDACT -> shopRedact(shop.get(), raw);
          });
    } catch (MalformedPayload e) {
      return ResponseEntity.badRequest().body(new ApiError("malformed_webhook", e.getMessage()));
    }
  }

  private PrivacyWebhookAnswer dataRequest(Shop shop, byte[] raw, String deliveryKey) {
    PrivacyPayloads.DataRequest payload = read(raw, PrivacyPayloads.DataRequest.class);
    checkShop(shop, payload.shopDomain());
    String customerId = customerId(payload.customer());
    String requestRef =
        payload.dataRequest() != null && notBlank(payload.dataRequest().id())
            ? "shopify:" + payload.dataRequest().id()
            : "delivery:" + deliveryKey;
    PrivacyRequest request =
        privacy.recordDataRequest(
            shop, customerId, requestRef, PrivacyRequestSource.SHOPIFY_WEBHOOK);
    return PrivacyWebhookAnswer.recorded(
        "Data request "
            + request.id()
            + " recorded; the export is at GET /api/v1/shops/"
            + shop.domain()
            + "/privacy/customers/"
            + customerId
            + "/export.");
  }

  private PrivacyWebhookAnswer customerRedact(Shop shop, byte[] raw, String deliveryKey) {
    PrivacyPayloads.CustomerRedact payload = read(raw, PrivacyPayloads.CustomerRedact.class);
    checkShop(shop, payload.shopDomain());
    String customerId = customerId(payload.customer());
    RedactionResult result =
        privacy.redactCustomer(
            shop, customerId, "delivery:" + deliveryKey, PrivacyRequestSource.SHOPIFY_WEBHOOK);
    return result.outcome() == RedactionOutcome.REDACTED
        ? PrivacyWebhookAnswer.redacted(
            "The customer's personal data was erased; the points stay under a pseudonym.")
        : PrivacyWebhookAnswer.ignored(
            "Nothing is held under that customer id (never seen, or redacted before).");
  }

  private PrivacyWebhookAnswer shopRedact(Shop shop, byte[] raw) {
    PrivacyPayloads.ShopRedact payload = read(raw, PrivacyPayloads.ShopRedact.class);
    checkShop(shop, payload.shopDomain());
    ErasureResult result = privacy.eraseShop(shop);
    return result.outcome() == ErasureOutcome.ERASED
        ? PrivacyWebhookAnswer.erased("Every row of shop " + shop.domain() + " was deleted.")
        : PrivacyWebhookAnswer.ignored("Shop " + shop.domain() + " was erased before.");
  }

  private <T> T read(byte[] raw, Class<T> type) {
    try {
      JsonNode tree = json.readTree(raw);
      if (tree == null || !tree.isObject()) {
        throw new MalformedPayload("The body must be a JSON object.");
      }
      return json.treeToValue(tree, type);
    } catch (JsonProcessingException e) {
      throw new MalformedPayload("The body is not a compliance payload: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new MalformedPayload("The body could not be read.");
    }
  }

  private static void checkShop(Shop shop, String payloadDomain) {
    if (payloadDomain != null && !payloadDomain.equalsIgnoreCase(shop.domain())) {
      throw new MalformedPayload(
          "'shop_domain' names another shop than the X-Shopify-Shop-Domain header.");
    }
  }

  private static String customerId(PrivacyPayloads.Customer customer) {
    String id = customer == null ? null : customer.id();
    if (id == null || !id.matches(PathPatterns.CUSTOMER_ID)) {
      throw new MalformedPayload("'customer.id' " + PathPatterns.CUSTOMER_ID_RULE + ".");
    }
    return id;
  }

  private static boolean notBlank(String value) {
    return value != null && !value.isBlank();
  }

  private static ResponseEntity<ApiError> unauthorized(String shopDomain) {
    return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
        .body(
            new ApiError(
                "invalid_signature",
                "The X-Shopify-Hmac-Sha256 signature does not match the body for shop "
                    + shopDomain
                    + "."));
  }

  private static String sha256(byte[] raw) {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The signed body is not the topic's payload: 400, nothing done. */
  private static final class MalformedPayload extends RuntimeException {
    MalformedPayload(String message) {
      super(message);
    }
  }
}
