package io.pointsaga.local.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pointsaga.starter.webhook.ShopifyWebhookSignature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Signed Shopify deliveries to {@code POST /webhooks/shopify}, as Shopify sends them (REST Order
 * and Refund resources, HMAC over the raw bytes, every header). Each order has two lines, $30 and
 * $20, so it earns 50 points and each refund takes back one line's points.
 */
final class ShopifyDeliveries {
  record Delivery(String topic, Map<String, Object> payload) {}

  private final HttpClient http;
  private final ObjectMapper json = new ObjectMapper();
  private final URI endpoint;
  private final String shop;
  private final String secret;
  private final AtomicLong eventIds = new AtomicLong();

  ShopifyDeliveries(HttpClient http, String baseUrl, String shop, String secret) {
    this.http = http;
    this.endpoint = URI.create(baseUrl + "/webhooks/shopify");
    this.shop = shop;
    this.secret = secret;
  }

  static Delivery paid(long orderId, long customerId) {
    return new Delivery(
        "orders/paid",
        Map.of(
            "id", orderId,
            "customer", Map.of("id", customerId),
            "currency", "USD",
            "financial_status", "paid",
            "line_items", List.of(line(1, "30.00"), line(2, "20.00")),
            "discount_codes", List.of(),
            "refunds", List.of(),
            "updated_at", Instant.now().toString()));
  }

  /** The refund of one of the order's two lines (1: $30, 2: $20). */
  static Delivery refund(long orderId, int line) {
    String subtotal = line == 1 ? "30.00" : "20.00";
    return new Delivery(
        "refunds/create",
        Map.of(
            "id",
            orderId * 10 + line,
            "order_id",
            orderId,
            "refund_line_items",
            List.of(Map.of("line_item_id", line, "quantity", 1, "subtotal", subtotal)),
            "transactions",
            List.of(
                Map.of(
                    "kind", "refund",
                    "gateway", "manual",
                    "amount", subtotal,
                    "status", "success"))));
  }

  private static Map<String, Object> line(long id, String price) {
    return Map.of("id", id, "price", price, "quantity", 1, "discount_allocations", List.of());
  }

  /** Sends the delivery; completes with the HTTP status. */
  CompletableFuture<Integer> send(Delivery delivery) {
    byte[] body;
    try {
      body = json.writeValueAsBytes(delivery.payload());
    } catch (JsonProcessingException e) {
      return CompletableFuture.failedFuture(e);
    }
    HttpRequest request =
        HttpRequest.newBuilder(endpoint)
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .header("X-Shopify-Topic", delivery.topic())
            .header("X-Shopify-Hmac-Sha256", ShopifyWebhookSignature.sign(secret, body))
            .header("X-Shopify-Shop-Domain", shop)
            .header("X-Shopify-API-Version", "2025-10")
            .header("X-Shopify-Webhook-Id", UUID.randomUUID().toString())
            .header(
                "X-Shopify-Event-Id",
                "bench-" + eventIds.incrementAndGet() + "-" + System.nanoTime())
            .header("X-Shopify-Triggered-At", Instant.now().toString())
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .thenApply(HttpResponse::statusCode);
  }

  /** Sends all, at most {@code inFlight} at a time; fails unless every one is answered 200. */
  void sendAll(List<Delivery> deliveries, int inFlight) throws Exception {
    List<CompletableFuture<Integer>> batch = new ArrayList<>();
    for (Delivery delivery : deliveries) {
      batch.add(send(delivery));
      if (batch.size() == inFlight) {
        awaitOk(batch);
        batch.clear();
      }
    }
    awaitOk(batch);
  }

  private static void awaitOk(List<CompletableFuture<Integer>> batch) throws Exception {
    CompletableFuture.allOf(batch.toArray(CompletableFuture[]::new)).get();
    for (CompletableFuture<Integer> answer : batch) {
      if (answer.get() != 200) {
        throw new IllegalStateException("a webhook delivery was answered " + answer.get());
      }
    }
  }
}
