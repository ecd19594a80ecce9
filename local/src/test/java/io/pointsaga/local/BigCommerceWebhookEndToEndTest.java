package io.pointsaga.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.pointsaga.earning.EarningRules;
import io.pointsaga.local.EmbeddedStack.Response;
import io.pointsaga.platform.PlatformKind;
import io.pointsaga.shop.Shop;
import io.pointsaga.shop.Shops;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * BigCommerce intake over HTTP on the embedded stack (issue 8, item 9): a BigCommerce shop whose
 * API is a stub on a local port (bound once), deliveries authenticated by the custom headers set at
 * subscription, details fetched by the order saga's platform activity, each event applied once.
 */
class BigCommerceWebhookEndToEndTest {
  private static final String SECRET = "bc-webhook-secret";
  private static final String TOKEN = "bc-admin-token";
  private static final String CUSTOMER = "17";
  private static final String ORDER = "250";

  private static EmbeddedStack stack;
  private static HttpServer bigCommerce;
  private static final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  private static String domain;

  @BeforeAll
  static void bigCommerceShopOnAStub() throws IOException {
    stack = EmbeddedStack.get();
    bigCommerce = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    String store = "/stores/abc123";
    serve(store + "/v2/orders/" + ORDER, ORDER_JSON);
    serve(store + "/v2/orders/" + ORDER + "/products", PRODUCTS_JSON);
    serve(store + "/v2/orders/" + ORDER + "/coupons", "[]");
    serve(store + "/v3/orders/" + ORDER + "/payment_actions/refunds", REFUNDS_JSON);
    bigCommerce.start();

    domain = "store-" + UUID.randomUUID().toString().substring(0, 8) + ".mybigcommerce.com";
    Shops shops = stack.context.getBean(Shops.class);
    Shop shop =
        shops.upsert(
            domain,
            PlatformKind.BIGCOMMERCE,
            "http://127.0.0.1:" + bigCommerce.getAddress().getPort() + store,
            "bc-api-token",
            SECRET,
            "USD");
    shops.addAdminToken(shop.id(), TOKEN, "test");
    stack.context.getBean(EarningRules.class).putPlaceOrderRule(shop.id(), BigDecimal.ONE, true);
  }

  @AfterAll
  static void stop() {
    bigCommerce.stop(0);
  }

  @Test
  void aBadSecretIs401AndRecordsNothing() {
    Response wrong = deliver(statusUpdated("bad-secret-hash"), "not-the-secret");
    Response missing = deliver(statusUpdated("no-secret-hash"), null);

    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.body().get("error").asText()).isEqualTo("invalid_signature");
    assertThat(missing.status()).isEqualTo(401);
    assertThat(inboxStatuses("bad-secret-hash")).isEmpty();
    assertThat(inboxStatuses("no-secret-hash")).isEmpty();
  }

  @Test
  void statusAndRefundEventsAreAppliedOnceAndRedeliveriesAreDuplicates() {
    Response paid = accepted(deliver(statusUpdated("status-11-hash"), SECRET));
    assertThat(paid.body().get("status").asText()).isEqualTo("accepted");
    assertThat(awaitBalance(b -> b == 60)).as("60.00 paid, 1 point per unit").isEqualTo(60);

    Response refund = accepted(deliver(refundCreated("refund-3-hash"), SECRET));
    assertThat(refund.body().get("status").asText()).isEqualTo("accepted");
    assertThat(awaitBalance(b -> b == 40)).as("20.00 of it refunded").isEqualTo(40);

    Response statusAgain = accepted(deliver(statusUpdated("status-11-hash"), SECRET));
    Response refundAgain = accepted(deliver(refundCreated("refund-3-hash"), SECRET));
    assertThat(statusAgain.body().get("status").asText()).isEqualTo("duplicate");
    assertThat(refundAgain.body().get("status").asText()).isEqualTo("duplicate");

    // Processing finished: both recorded rows were handed over and their events applied; the
    // redeliveries were never recorded, so nothing else can still come.
    assertThat(inboxStatuses("status-11-hash")).containsExactly("DISPATCHED");
    assertThat(inboxStatuses("refund-3-hash")).containsExactly("DISPATCHED");
    assertThat(appliedEvents()).containsExactly("paid", "refund:bc-3");
    JsonNode entries = admin("GET", "/customers/" + CUSTOMER + "/activity").body().get("entries");
    List<String> kinds = entries.findValuesAsText("kind");
    assertThat(kinds.stream().filter("EARN"::equals)).hasSize(1);
    assertThat(kinds.stream().filter("REFUND_CLAWBACK"::equals)).hasSize(1);
    long sum = 0;
    for (JsonNode entry : entries) {
      sum += entry.path("points").asLong(0);
    }
    assertThat(sum).as("balance == sum of entries").isEqualTo(40);
    assertThat(balance()).isEqualTo(40);
    assertThat(calls.get("/stores/abc123/v2/orders/" + ORDER).get())
        .as("the order was fetched from the BigCommerce API")
        .isPositive();
    assertThat(calls.get("/stores/abc123/v3/orders/" + ORDER + "/payment_actions/refunds").get())
        .as("the refund was fetched from the BigCommerce API")
        .isPositive();
  }

  // ---- BigCommerce ----

  private static final String ORDER_JSON =
      """
      {"id":250,"customer_id":17,"date_created":"Tue, 05 Mar 2024 10:00:00 +0000",
       "date_modified":"Tue, 05 Mar 2024 10:05:00 +0000","status_id":11,
       "status":"Awaiting Fulfillment","currency_code":"USD","shipping_cost_ex_tax":"0.0000"}
      """;

  private static final String PRODUCTS_JSON =
      """
      [{"id":64,"order_id":250,"product_id":77,"name":"Lamp","quantity":1,
        "base_price":"40.0000","price_ex_tax":"40.0000","applied_discounts":[]},
       {"id":65,"order_id":250,"product_id":78,"name":"Shade","quantity":1,
        "base_price":"20.0000","price_ex_tax":"20.0000","applied_discounts":[]}]
      """;

  private static final String REFUNDS_JSON =
      """
      {"data":[{"id":3,"order_id":250,"total_amount":20.00,
        "items":[{"item_type":"PRODUCT","item_id":65,"quantity":1,"requested_amount":"20.00"}],
        "payments":[{"id":12,"provider_id":"braintree","amount":"20.00","offline":false}]}],
       "meta":{}}
      """;

  private static void serve(String path, String json) {
    calls.put(path, new AtomicInteger());
    bigCommerce.createContext(
        path,
        exchange -> {
          if (!exchange.getRequestURI().getPath().equals(path)) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
          }
          calls.get(path).incrementAndGet();
          byte[] body = json.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
  }

  private static Map<String, Object> statusUpdated(String hash) {
    return Map.of(
        "scope",
        "store/order/statusUpdated",
        "store_id",
        "1025646",
        "data",
        Map.of(
            "type",
            "order",
            "id",
            Long.parseLong(ORDER),
            "status",
            Map.of("previous_status_id", 0, "new_status_id", 11)),
        "hash",
        hash,
        "created_at",
        1561479335,
        "producer",
        "stores/abc123");
  }

  private static Map<String, Object> refundCreated(String hash) {
    return Map.of(
        "scope",
        "store/order/refund/created",
        "store_id",
        "1025646",
        "data",
        Map.of("type", "order", "id", Long.parseLong(ORDER), "refund", Map.of("refund_id", 3)),
        "hash",
        hash,
        "created_at",
        1561482670,
        "producer",
        "stores/abc123");
  }

  // ---- the app ----

  private static Response deliver(Map<String, Object> payload, String secret) {
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(stack.baseUrl + "/webhooks/bigcommerce"))
              .timeout(Duration.ofSeconds(30))
              .header("Content-Type", "application/json")
              .header("X-PointSaga-Shop", domain)
              .POST(HttpRequest.BodyPublishers.ofByteArray(stack.json.writeValueAsBytes(payload)));
      if (secret != null) {
        request.header("X-PointSaga-Webhook-Secret", secret);
      }
      HttpResponse<String> response =
          stack.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(
          response.statusCode(),
          response.body().isBlank() ? null : stack.json.readTree(response.body()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Response accepted(Response response) {
    assertThat(response.status()).as("answer %s", response.body()).isEqualTo(200);
    return response;
  }

  private static Response admin(String method, String path) {
    return stack.call(method, "/api/v1/shops/" + domain + path, null, TOKEN);
  }

  /** The customer's balance; Long.MIN_VALUE while the customer is still unknown (404). */
  private static long balance() {
    Response r = admin("GET", "/customers/" + CUSTOMER);
    if (r.status() == 404 && "not_found".equals(r.body().path("error").asText())) {
      return Long.MIN_VALUE;
    }
    assertThat(r.status()).as("answer %s", r.body()).isEqualTo(200);
    return r.body().get("pointsBalance").asLong();
  }

  private static long awaitBalance(java.util.function.LongPredicate done) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    long balance = balance();
    while (!done.test(balance)) {
      assertThat(Instant.now()).as("balance still %d", balance).isBefore(deadline);
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      balance = balance();
    }
    return balance;
  }

  private static List<String> inboxStatuses(String hash) {
    return jdbc()
        .sql(
            """
            select i.status from webhook_inbox i join shop s on s.id = i.shop_id
            where s.domain = ? and i.delivery_key = ?
            """)
        .params(domain, hash)
        .query(String.class)
        .list();
  }

  private static List<String> appliedEvents() {
    return jdbc()
        .sql(
            """
            select e.event_key from order_event e join shop s on s.id = e.shop_id
            where s.domain = ? and e.order_id = ? order by e.event_key
            """)
        .params(domain, ORDER)
        .query(String.class)
        .list();
  }

  private static JdbcClient jdbc() {
    return stack.context.getBean(JdbcClient.class);
  }
}
