package io.pointsaga.local;

import io.pointsaga.local.EmbeddedStack.Response;
import io.pointsaga.starter.webhook.ShopifyWebhookSignature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.LongPredicate;

/** Signed Shopify-shaped webhooks (REST Order and Refund resources) for the embedded stack. */
final class ShopifyWebhooks {
  private ShopifyWebhooks() {}

  /**
   * A signed delivery that must be answered 200 (accepted, duplicate, rejected or ignored: the body
   * says which); anything else fails the test here, with the answer.
   */
  static Response webhook(String topic, Object payload, String secret, String eventId) {
    return webhookExpecting(200, topic, payload, secret, eventId);
  }

  /** A signed delivery whose answer must have this status (e.g. 401 for a wrong secret). */
  static Response webhookExpecting(
      int status, String topic, Object payload, String secret, String eventId) {
    Response response = signed(topic, payload, secret, eventId);
    if (response.status() != status) {
      throw new AssertionError(
          "%s delivery %s answered %d, expected %d: %s"
              .formatted(topic, eventId, response.status(), status, response.body()));
    }
    return response;
  }

  private static Response signed(String topic, Object payload, String secret, String eventId) {
    byte[] body;
    try {
      body = EmbeddedStack.get().json.writeValueAsBytes(payload);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return raw(topic, body, ShopifyWebhookSignature.sign(secret, body), eventId);
  }

  /**
   * The delivery as given, signature included, answered whatever way the app chooses: the caller
   * asserts the status. An I/O error fails the test (it is never turned into a status).
   */
  static Response raw(String topic, byte[] body, String signature, String eventId) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(EmbeddedStack.get().baseUrl + "/webhooks/shopify"))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .header("X-Shopify-Topic", topic)
            .header("X-Shopify-Hmac-Sha256", signature)
            .header("X-Shopify-Shop-Domain", EmbeddedStack.SHOP)
            .header("X-Shopify-Event-Id", eventId)
            .header("X-Shopify-Webhook-Id", UUID.randomUUID().toString())
            .header("X-Shopify-Triggered-At", Instant.now().toString())
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    try {
      HttpResponse<String> response =
          EmbeddedStack.get().http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Response(
          response.statusCode(),
          response.body().isBlank() ? null : EmbeddedStack.get().json.readTree(response.body()));
    } catch (IOException e) {
      throw new UncheckedIOException("webhook " + topic + " " + eventId + " not answered", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
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

  /** The customer's balance; fails unless the API answers 200 (an unknown customer too). */
  static long balance(String customer) {
    return knownBalance(customer)
        .orElseThrow(() -> new AssertionError("customer " + customer + " is unknown (404)"));
  }

  /**
   * The balance, or empty while the customer is unknown (404 {@code not_found}: customers are
   * created on first use); any other answer fails the test.
   */
  static OptionalLong knownBalance(String customer) {
    Response r = EmbeddedStack.get().api("GET", "/customers/" + customer, null);
    if (r.status() == 200) {
      return OptionalLong.of(r.body().get("pointsBalance").asLong());
    }
    if (r.status() == 404
        && r.body() != null
        && "not_found".equals(r.body().path("error").asText())) {
      return OptionalLong.empty();
    }
    throw new AssertionError(
        "balance of " + customer + ": answered " + r.status() + " " + r.body());
  }

  /** The customer was never created: no delivery or request touched them. */
  static void assertUnknownCustomer(String customer) {
    OptionalLong balance = knownBalance(customer);
    if (balance.isPresent()) {
      throw new AssertionError(
          "customer " + customer + " exists with balance " + balance.getAsLong());
    }
  }

  /**
   * The sagas run after the response: wait until the balance says they ran. Fails after a minute,
   * naming the last balance seen.
   */
  static long awaitBalance(String customer, LongPredicate done) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    OptionalLong balance = knownBalance(customer);
    while (balance.isEmpty() || !done.test(balance.getAsLong())) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(
            "balance of "
                + customer
                + " never reached the expected value; last seen: "
                + (balance.isPresent() ? balance.getAsLong() : "unknown customer"));
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      balance = knownBalance(customer);
    }
    return balance.getAsLong();
  }
}
