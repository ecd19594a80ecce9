package io.pointsaga.local.e2e;

import io.pointsaga.local.e2e.E2EStack.Response;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Shopify-shaped webhooks (REST Order and Refund resources), signed as Shopify signs them: base64
 * HMAC-SHA256 of the raw body bytes with the shop's webhook secret; posted to the starter.
 */
final class SignedShopifyWebhooks {
  private final E2EStack stack;

  SignedShopifyWebhooks(E2EStack stack) {
    this.stack = stack;
  }

  Response send(String topic, Object payload, String eventId) throws Exception {
    byte[] body = stack.json.writeValueAsBytes(payload);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(
        new SecretKeySpec(E2EStack.WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(stack.baseUrl + "/webhooks/shopify"))
            .header("Content-Type", "application/json")
            .header("X-Shopify-Topic", topic)
            .header("X-Shopify-Hmac-Sha256", Base64.getEncoder().encodeToString(mac.doFinal(body)))
            .header("X-Shopify-Shop-Domain", E2EStack.SHOP)
            .header("X-Shopify-API-Version", "2025-07")
            .header("X-Shopify-Event-Id", eventId)
            .header("X-Shopify-Webhook-Id", UUID.randomUUID().toString())
            .header("X-Shopify-Triggered-At", Instant.now().toString())
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    HttpResponse<String> response = stack.http.send(request, HttpResponse.BodyHandlers.ofString());
    return new Response(
        response.statusCode(),
        stack.json.readTree(response.body().isBlank() ? "null" : response.body()));
  }

  static Map<String, Object> line(long id, String price) {
    return Map.of("id", id, "price", price, "quantity", 1, "discount_allocations", List.of());
  }

  static Map<String, Object> paidOrder(
      String orderId, String customerId, List<Map<String, Object>> lines) {
    return Map.of(
        "id",
        Long.parseLong(orderId),
        "customer",
        Map.of("id", Long.parseLong(customerId)),
        "currency",
        "USD",
        "financial_status",
        "paid",
        "line_items",
        lines,
        "discount_codes",
        List.of(),
        "refunds",
        List.of(),
        "updated_at",
        Instant.now().toString());
  }

  static Map<String, Object> refund(long refundId, String orderId, long lineId, String subtotal) {
    return Map.of(
        "id",
        refundId,
        "order_id",
        Long.parseLong(orderId),
        "created_at",
        Instant.now().toString(),
        "refund_line_items",
        List.of(Map.of("line_item_id", lineId, "quantity", 1, "subtotal", subtotal)),
        "transactions",
        List.of(
            Map.of(
                "kind", "refund", "gateway", "manual", "amount", subtotal, "status", "success")));
  }
}
