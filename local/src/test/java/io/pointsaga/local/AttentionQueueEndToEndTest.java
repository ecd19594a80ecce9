package io.pointsaga.local;

import static io.pointsaga.local.ShopifyWebhooks.line;
import static io.pointsaga.local.ShopifyWebhooks.order;
import static io.pointsaga.local.ShopifyWebhooks.webhook;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.pointsaga.earning.EarningRules;
import io.pointsaga.local.EmbeddedStack.Response;
import io.pointsaga.platform.PlatformKind;
import io.pointsaga.shop.Shop;
import io.pointsaga.shop.Shops;
import io.pointsaga.starter.webhook.ShopifyWebhookSignature;
import io.pointsaga.temporal.WorkflowIds;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The attention queue over HTTP on the embedded stack (SPEC §11, issue 10 item 2): what fails for
 * good is listed with its business subject and workflow id; retry drives it again once the cause is
 * gone and the item leaves the queue; resolve closes it with a note in the shop's activity.
 */
class AttentionQueueEndToEndTest {
  private static final String OPERATOR = "demo-operator-token";
  private static final String DEMO_SECRET = "demo-webhook-secret";

  private static EmbeddedStack stack;
  private static HttpServer bigCommerce;
  private static final AtomicBoolean bigCommerceKnowsTheOrder = new AtomicBoolean();

  @BeforeAll
  static void start() throws IOException {
    stack = EmbeddedStack.get();
    bigCommerce = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    bigCommerce.start();
  }

  @AfterAll
  static void stop() {
    bigCommerce.stop(0);
  }

  // ------------------------------------------------------------------ redemptions

  @Test
  void aPlatformFailedCancellationRetriedAfterThePlatformRecoversEndsCancelledAndLeavesTheQueue() {
    InstalledShop shop = installedShop("USD");
    Response reward =
        shop.api("POST", "/rewards", Map.of("name", "$5", "pointsCost", 500, "discountAmount", 5));
    assertThat(reward.status()).as(String.valueOf(reward.body())).isEqualTo(201);
    shop.api("POST", "/customers/c1/adjustments", Map.of("points", 800, "note", "start"));
    Response redeemed =
        shop.api(
            "POST",
            "/customers/c1/redemptions",
            Map.of("rewardId", reward.body().get("rewardId").asLong()));
    assertThat(redeemed.status()).as(String.valueOf(redeemed.body())).isEqualTo(201);
    String redemptionId = redeemed.body().get("redemptionId").asText();
    String coupon = redeemed.body().get("couponCode").asText();

    // The platform refuses the shop's token (revoked): the cancellation fails for good.
    shop.platformToken("revoked-" + shop.accessToken);
    Response failed =
        shop.api(
            "POST",
            "/redemptions/" + redemptionId + "/cancellation",
            Map.of("refundPointsAnyway", false));
    assertThat(failed.body().get("outcome").asText()).isEqualTo("PLATFORM_FAILED");

    JsonNode item =
        shop.awaitItem(i -> i.get("subject").asText().equals("redemption " + redemptionId));
    assertThat(item.get("kind").asText()).isEqualTo("REDEMPTION_PLATFORM_FAILED");
    assertThat(item.get("workflowId").asText())
        .isEqualTo(WorkflowIds.cancelRedemption(shop.domain, redemptionId));
    assertThat(item.get("problem").asText()).containsIgnoringCase("credentials");
    assertThat(shop.balance("c1")).as("nothing changed").isEqualTo(300);

    // The platform takes the token again; retry.
    shop.platformToken(shop.accessToken);
    Response retried = shop.api("POST", "/attention/" + item.get("id").asLong() + "/retry", null);

    assertThat(retried.status()).as(String.valueOf(retried.body())).isEqualTo(200);
    assertThat(retried.body().get("action").asText()).isEqualTo("CANCELLATION_RUN");
    assertThat(retried.body().get("message").asText()).contains("CANCELLED");
    assertThat(retried.body().get("open").asBoolean()).isFalse();
    assertThat(shop.items()).as("left the queue").isEmpty();
    assertThat(shop.api("GET", "/redemptions/" + redemptionId, null).body().get("status").asText())
        .isEqualTo("REFUNDED");
    assertThat(shop.balance("c1")).isEqualTo(800);
    assertThat(
            stack
                .call(
                    "GET",
                    "/sandbox/shops/" + shop.domain + "/discount-codes/" + coupon,
                    null,
                    null)
                .body()
                .get("state")
                .asText())
        .isEqualTo("DEACTIVATED");

    Response again = shop.api("POST", "/attention/" + item.get("id").asLong() + "/retry", null);
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.body().get("error").asText()).isEqualTo("attention_item_closed");
  }

  // ------------------------------------------------------------------ rejected deliveries

  @Test
  void aRejectedDeliveryResolvedWithANoteIsNotedInTheShopsActivityAndLeavesTheQueue() {
    String orderId = newId();
    Map<String, Object> jpy =
        new HashMap<>(order(orderId, newId(), List.of(line(1, "1000", null)), List.of()));
    jpy.put("currency", "JPY");
    Response rejected = webhook("orders/paid", jpy, DEMO_SECRET, "att-jpy-" + orderId);
    assertThat(rejected.body().get("status").asText()).isEqualTo("rejected");
    InstalledShop demo = InstalledShop.demo();
    JsonNode item = demo.awaitItem(i -> i.get("subject").asText().contains("order " + orderId));
    assertThat(item.get("kind").asText()).isEqualTo("WEBHOOK_REJECTED");
    long id = item.get("id").asLong();

    Response retried = demo.api("POST", "/attention/" + id + "/retry", null);
    assertThat(retried.status()).as(String.valueOf(retried.body())).isEqualTo(200);
    assertThat(retried.body().get("action").asText()).isEqualTo("DELIVERY_VALIDATED_AGAIN");
    assertThat(retried.body().get("message").asText()).contains("still not valid", "JPY");
    assertThat(retried.body().get("open").asBoolean()).as("stays in the queue").isTrue();

    String note = "Test order from the JPY storefront; nothing to apply.";
    Response resolved = demo.api("POST", "/attention/" + id + "/resolve", Map.of("note", note));

    assertThat(resolved.status()).as(String.valueOf(resolved.body())).isEqualTo(200);
    assertThat(resolved.body().get("note").asText()).isEqualTo(note);
    assertThat(demo.items()).noneMatch(i -> i.get("id").asLong() == id);
    JsonNode entries = demo.api("GET", "/activity", null).body().get("entries");
    assertThat(StreamSupport.stream(entries.spliterator(), false))
        .filteredOn(e -> e.get("kind").asText().equals("ATTENTION_RESOLVED"))
        .anySatisfy(
            e ->
                assertThat(e.get("note").asText())
                    .contains(note, "order " + orderId, "WEBHOOK_REJECTED"));
    Response twice = demo.api("POST", "/attention/" + id + "/resolve", Map.of("note", note));
    assertThat(twice.status()).isEqualTo(409);
  }

  @Test
  void aRejectedDeliveryValidAfterTheShopWasFixedIsAppliedOnRetry() {
    InstalledShop shop = installedShop("EUR"); // misconfigured: its orders are in USD
    String orderId = newId();
    String customer = newId();
    Response rejected =
        shop.shopifyWebhook(
            "orders/paid",
            order(orderId, customer, List.of(line(1, "25.00", null)), List.of()),
            "att-usd-" + orderId);
    assertThat(rejected.body().get("status").asText()).isEqualTo("rejected");
    JsonNode item = shop.awaitItem(i -> i.get("subject").asText().contains("order " + orderId));

    shop.currency("USD");
    Response retried = shop.api("POST", "/attention/" + item.get("id").asLong() + "/retry", null);

    assertThat(retried.status()).as(String.valueOf(retried.body())).isEqualTo(200);
    assertThat(retried.body().get("message").asText()).contains("valid now");
    assertThat(retried.body().get("open").asBoolean()).isFalse();
    assertThat(shop.awaitBalance(customer, 25)).isEqualTo(25);
    assertThat(shop.items()).isEmpty();
  }

  // ------------------------------------------------------------------ order events

  @Test
  void anOrderEventThatFailedForGoodIsListedAndRetryAppliesItOnce() {
    String domain = "store-" + UUID.randomUUID().toString().substring(0, 8) + ".mybigcommerce.com";
    String store = "/stores/" + domain.substring(6, 14);
    String orderId = "250";
    serveBigCommerceOrder(store, orderId);
    Shops shops = stack.context.getBean(Shops.class);
    Shop shop =
        shops.upsert(
            domain,
            PlatformKind.BIGCOMMERCE,
            "http://127.0.0.1:" + bigCommerce.getAddress().getPort() + store,
            "bc-api-token",
            "bc-secret",
            "USD");
    String adminToken = "attention-bc-" + UUID.randomUUID();
    shops.addAdminToken(shop.id(), adminToken, "test");
    stack.context.getBean(EarningRules.class).putPlaceOrderRule(shop.id(), BigDecimal.ONE, true);
    InstalledShop bc = new InstalledShop(domain, adminToken, null);

    // BigCommerce does not know the order yet (404): the event fails for good.
    bigCommerceKnowsTheOrder.set(false);
    Response delivered = deliverBigCommerce(domain, "bc-secret", orderId, "status-hash-" + domain);
    assertThat(delivered.body().get("status").asText()).isEqualTo("accepted");
    JsonNode item = bc.awaitItem(i -> i.get("kind").asText().equals("ORDER_EVENT_FAILED"));
    assertThat(item.get("subject").asText()).contains("order " + orderId);
    assertThat(item.get("workflowId").asText()).isEqualTo(WorkflowIds.order(domain, orderId));
    assertThat(item.get("problem").asText()).contains("404");
    assertThat(bc.knownBalance("17")).as("no points yet").isEqualTo(Long.MIN_VALUE);

    bigCommerceKnowsTheOrder.set(true);
    Response retried = bc.api("POST", "/attention/" + item.get("id").asLong() + "/retry", null);

    assertThat(retried.status()).as(String.valueOf(retried.body())).isEqualTo(200);
    assertThat(retried.body().get("action").asText()).isEqualTo("EVENT_HANDED_TO_SAGA");
    assertThat(retried.body().get("workflowId").asText())
        .isEqualTo(WorkflowIds.order(domain, orderId));
    assertThat(bc.awaitBalance("17", 60)).isEqualTo(60);
    assertThat(bc.items()).isEmpty();
    // Handed over once more (e.g. a second retry racing): still applied once.
    Response duplicate = deliverBigCommerce(domain, "bc-secret", orderId, "status-hash-" + domain);
    assertThat(duplicate.body().get("status").asText()).isEqualTo("duplicate");
    JsonNode entries = bc.api("GET", "/customers/17/activity", null).body().get("entries");
    assertThat(StreamSupport.stream(entries.spliterator(), false))
        .filteredOn(e -> e.get("kind").asText().equals("EARN"))
        .hasSize(1);
    assertThat(
            jdbc()
                .sql("select count(*) from order_event where shop_id = ? and order_id = ?")
                .params(shop.id(), orderId)
                .query(Long.class)
                .single())
        .isEqualTo(1);
  }

  // ------------------------------------------------------------------ subscriptions

  @Test
  void aMissingSubscriptionFoundByACheckIsListedAndRetryRecreatesIt() {
    InstalledShop shop = installedShop("USD");
    assertThat(
            stack
                .call(
                    "DELETE",
                    "/sandbox/shops/" + shop.domain + "/webhook-subscriptions/ORDERS_PAID",
                    null,
                    null)
                .status())
        .isEqualTo(204);

    Response check = shop.api("GET", "/webhook-subscriptions", null);
    assertThat(check.body().toString()).contains("MISSING");
    JsonNode item = shop.awaitItem(i -> i.get("kind").asText().equals("SUBSCRIPTION_MISSING"));
    assertThat(item.get("subject").asText()).isEqualTo("webhook subscription ORDERS_PAID");
    assertThat(shop.items()).as("listed once").hasSize(1);

    Response retried = shop.api("POST", "/attention/" + item.get("id").asLong() + "/retry", null);

    assertThat(retried.status()).as(String.valueOf(retried.body())).isEqualTo(200);
    assertThat(retried.body().get("action").asText()).isEqualTo("SUBSCRIPTIONS_REPAIRED");
    assertThat(retried.body().get("open").asBoolean()).isFalse();
    assertThat(shop.api("GET", "/webhook-subscriptions", null).body().toString())
        .doesNotContain("MISSING");
    assertThat(shop.items()).isEmpty();
  }

  // ------------------------------------------------------------------ bad requests

  @Test
  void unknownOrAnotherShopsItemsAre404AndBadNotes400() {
    InstalledShop shop = installedShop("USD");
    stack.call(
        "DELETE",
        "/sandbox/shops/" + shop.domain + "/webhook-subscriptions/ORDERS_PAID",
        null,
        null);
    shop.api("GET", "/webhook-subscriptions", null);
    long id = shop.awaitItem(i -> true).get("id").asLong();
    InstalledShop demo = InstalledShop.demo();

    Map<String, Response> notFound = new HashMap<>();
    notFound.put("unknown retry", shop.api("POST", "/attention/999999999/retry", null));
    notFound.put(
        "unknown resolve", shop.api("POST", "/attention/999999999/resolve", Map.of("note", "x")));
    notFound.put("another shop's retry", demo.api("POST", "/attention/" + id + "/retry", null));
    notFound.put(
        "another shop's resolve",
        demo.api("POST", "/attention/" + id + "/resolve", Map.of("note", "mine?")));
    notFound.forEach(
        (name, r) -> {
          assertThat(r.status()).as(name).isEqualTo(404);
          assertThat(r.body().get("error").asText()).as(name).isEqualTo("not_found");
        });

    Map<String, Object> bad = new HashMap<>();
    bad.put("empty note", Map.of("note", ""));
    bad.put("blank note", Map.of("note", "   "));
    bad.put("oversized note", Map.of("note", "x".repeat(501)));
    bad.put("no note", Map.of());
    bad.put("unknown field", Map.of("note", "ok", "force", true));
    bad.put("note not text", Map.of("note", 5));
    bad.put("control character", Map.of("note", "bell\u0007"));
    bad.put("not JSON", "note=ok");
    bad.forEach(
        (name, body) -> {
          Response r = shop.api("POST", "/attention/" + id + "/resolve", body);
          assertThat(r.status()).as(name + ": " + r.body()).isEqualTo(400);
          assertThat(r.body().get("message").asText())
              .as(name)
              .isNotBlank()
              .doesNotContain("Exception", "java.");
        });
    Response notANumber = shop.api("POST", "/attention/abc/retry", null);
    assertThat(notANumber.status()).isEqualTo(400);
    assertThat(shop.items()).as("nothing closed by the bad requests").hasSize(1);
    Response unauthorized =
        stack.call(
            "POST", "/api/v1/shops/" + shop.domain + "/attention/" + id + "/retry", null, "wrong");
    assertThat(unauthorized.status()).isEqualTo(401);
  }

  // ------------------------------------------------------------------ helpers

  /** A shop installed through the operator's API on its own simulated Shopify shop. */
  private record InstalledShop(String domain, String adminToken, String accessToken) {
    static InstalledShop demo() {
      return new InstalledShop(EmbeddedStack.SHOP, EmbeddedStack.TOKEN, null);
    }

    String secret() {
      return "whsec-" + domain;
    }

    Response api(String method, String path, Object body) {
      return stack.call(method, "/api/v1/shops/" + domain + path, body, adminToken);
    }

    List<JsonNode> items() {
      Response r = api("GET", "/attention", null);
      assertThat(r.status()).isEqualTo(200);
      return StreamSupport.stream(r.body().get("items").spliterator(), false).toList();
    }

    JsonNode awaitItem(Predicate<JsonNode> wanted) {
      Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
      while (Instant.now().isBefore(deadline)) {
        for (JsonNode item : items()) {
          if (wanted.test(item)) {
            return item;
          }
        }
        sleep(100);
      }
      throw new AssertionError("no such attention item in " + items());
    }

    /** The customer's balance; Long.MIN_VALUE while the customer is unknown. */
    long knownBalance(String customer) {
      Response r = api("GET", "/customers/" + customer, null);
      return r.status() == 404 ? Long.MIN_VALUE : r.body().get("pointsBalance").asLong();
    }

    long balance(String customer) {
      return knownBalance(customer);
    }

    long awaitBalance(String customer, long wanted) {
      Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
      long balance = knownBalance(customer);
      while (balance != wanted && Instant.now().isBefore(deadline)) {
        sleep(100);
        balance = knownBalance(customer);
      }
      return balance;
    }

    /** The token PointSaga sends to the platform (the platform's own stays as it was). */
    void platformToken(String token) {
      jdbc()
          .sql("update shop set api_access_token = ? where domain = ?")
          .params(token, domain)
          .update();
    }

    void currency(String currency) {
      jdbc().sql("update shop set currency = ? where domain = ?").params(currency, domain).update();
    }

    Response shopifyWebhook(String topic, Object payload, String eventId) {
      try {
        byte[] body = stack.json.writeValueAsBytes(payload);
        HttpRequest request =
            HttpRequest.newBuilder(URI.create(stack.baseUrl + "/webhooks/shopify"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("X-Shopify-Topic", topic)
                .header("X-Shopify-Hmac-Sha256", ShopifyWebhookSignature.sign(secret(), body))
                .header("X-Shopify-Shop-Domain", domain)
                .header("X-Shopify-Event-Id", eventId)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<String> response =
            stack.http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new Response(response.statusCode(), stack.json.readTree(response.body()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  private static InstalledShop installedShop(String currency) {
    String domain = "attention-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com";
    String token = "shpat_" + UUID.randomUUID();
    Response created =
        stack.call(
            "POST",
            "/sandbox/shops",
            Map.of("domain", domain, "platform", "SHOPIFY", "accessToken", token),
            null);
    assertThat(created.status()).isEqualTo(201);
    Response installed =
        stack.call(
            "POST",
            "/api/v1/shops",
            Map.of(
                "domain",
                domain,
                "platform",
                "SHOPIFY",
                "accessToken",
                token,
                "webhookSecret",
                "whsec-" + domain,
                "apiBaseUrl",
                created.body().get("apiBaseUrl").asText(),
                "currency",
                currency),
            OPERATOR);
    assertThat(installed.status()).as(String.valueOf(installed.body())).isEqualTo(201);
    InstalledShop shop =
        new InstalledShop(domain, installed.body().get("adminToken").asText(), token);
    Response rule =
        shop.api("PUT", "/earning-rules/place-order", Map.of("pointsPerUnit", 1, "enabled", true));
    assertThat(rule.status()).as(String.valueOf(rule.body())).isEqualTo(200);
    return shop;
  }

  private static void serveBigCommerceOrder(String store, String orderId) {
    serve(
        store + "/v2/orders/" + orderId,
        """
        {"id":250,"customer_id":17,"date_created":"Tue, 05 Mar 2024 10:00:00 +0000",
         "date_modified":"Tue, 05 Mar 2024 10:05:00 +0000","status_id":11,
         "status":"Awaiting Fulfillment","currency_code":"USD","shipping_cost_ex_tax":"0.0000"}
        """);
    serve(
        store + "/v2/orders/" + orderId + "/products",
        """
        [{"id":64,"order_id":250,"product_id":77,"name":"Lamp","quantity":1,
          "base_price":"40.0000","price_ex_tax":"40.0000","applied_discounts":[]},
         {"id":65,"order_id":250,"product_id":78,"name":"Shade","quantity":1,
          "base_price":"20.0000","price_ex_tax":"20.0000","applied_discounts":[]}]
        """);
    serve(store + "/v2/orders/" + orderId + "/coupons", "[]");
    serve(
        store + "/v3/orders/" + orderId + "/payment_actions/refunds", "{\"data\":[],\"meta\":{}}");
  }

  /** Answers the JSON once BigCommerce knows the order, 404 before. */
  private static void serve(String path, String json) {
    bigCommerce.createContext(
        path,
        exchange -> {
          if (!exchange.getRequestURI().getPath().equals(path) || !bigCommerceKnowsTheOrder.get()) {
            byte[] notFound =
                "[{\"status\":404,\"message\":\"The requested resource was not found.\"}]"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(404, notFound.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(notFound);
            }
            return;
          }
          byte[] body = json.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
  }

  private static Response deliverBigCommerce(
      String domain, String secret, String orderId, String hash) {
    Map<String, Object> payload =
        Map.of(
            "scope",
            "store/order/statusUpdated",
            "store_id",
            "1025646",
            "data",
            Map.of(
                "type",
                "order",
                "id",
                Long.parseLong(orderId),
                "status",
                Map.of("previous_status_id", 0, "new_status_id", 11)),
            "hash",
            hash,
            "created_at",
            1561479335,
            "producer",
            "stores/abc123");
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(stack.baseUrl + "/webhooks/bigcommerce"))
              .timeout(Duration.ofSeconds(30))
              .header("Content-Type", "application/json")
              .header("X-PointSaga-Shop", domain)
              .header("X-PointSaga-Webhook-Secret", secret)
              .POST(HttpRequest.BodyPublishers.ofByteArray(stack.json.writeValueAsBytes(payload)))
              .build();
      HttpResponse<String> response =
          stack.http.send(request, HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      return new Response(response.statusCode(), stack.json.readTree(response.body()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static JdbcClient jdbc() {
    return stack.context.getBean(JdbcClient.class);
  }

  private static String newId() {
    return String.valueOf(
        1 + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000_000L));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
