package io.pointsaga.local;

import io.pointsaga.local.EmbeddedStack.Response;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongPredicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Signed Shopify-shaped webhooks (REST Order and Refund resources) for the embedded stack. */
final class ShopifyWebhooks {
  private ShopifyWebhooks() {}

  static Response webhook(String topic, Object payload, String secret, String eventId) {
    try {
      byte[] body = EmbeddedStack.get().json.writeValueAsBytes(payload);
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      String signature = Base64.getEncoder().encodeToString(mac.doFinal(body));
      return raw(topic, body, signature, eventId);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static Response raw(String topic, byte[] body, String signature, String eventId)
      throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(EmbeddedStack.get().baseUrl + "/webhooks/shopify"))
            .header("Content-Type", "application/json")
            .header("X-Shopify-Topic", topic)
            .header("X-Shopify-Hmac-Sha256", signature)
            .header("X-Shopify-Shop-Domain", EmbeddedStack.SHOP)
            .header("X-Shopify-Event-Id", eventId)
            .header("X-Shopify-Webhook-Id", UUID.randomUUID().toString())
            .header("X-Shopify-Triggered-At", Instant.now().toString())
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    HttpResponse<String> response =
        EmbeddedStack.get().http.send(request, HttpResponse.BodyHandlers.ofString());
    return new Response(
        response.statusCode(),
        response.body().isBlank() ? null : EmbeddedStack.get().json.readTree(response.body()));
  }

  static Map<String, Object> line(long id, String price, String discount) {
    return Map.of(
        "id",
        id,
        "price",
        price,
        "quantity",
        1,
        "discount_allocations",
        discount == null ? List.of() : List.of(Map.of("amount", discount)));
  }

  static Map<String, Object> order(
      String orderId, String customerId, List<Map<String, Object>> lines, List<String> codes) {
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
        codes.stream()
            .map(c -> Map.of("code", c, "amount", "5.00", "type", "fixed_amount"))
            .toList(),
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
        "refund_line_items",
        List.of(Map.of("line_item_id", lineId, "quantity", 1, "subtotal", subtotal)),
        "transactions",
        List.of(
            Map.of(
                "kind", "refund", "gateway", "manual", "amount", subtotal, "status", "success")));
  }

  static long balance(String customer) {
    Response r = EmbeddedStack.get().api("GET", "/customers/" + customer, null);
    return r.status() == 200 ? r.body().get("pointsBalance").asLong() : 0;
  }

  /** The sagas run after the response: wait until the balance says they ran. */
  static long awaitBalance(String customer, LongPredicate done) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    long balance = balance(customer);
    while (!done.test(balance) && Instant.now().isBefore(deadline)) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      balance = balance(customer);
    }
    return balance;
  }
}
