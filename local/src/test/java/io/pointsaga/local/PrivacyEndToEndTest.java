package io.pointsaga.local;

import static io.pointsaga.local.ShopifyWebhooks.awaitBalance;
import static io.pointsaga.local.ShopifyWebhooks.line;
import static io.pointsaga.local.ShopifyWebhooks.order;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pointsaga.local.EmbeddedStack.Response;
import io.pointsaga.platform.PlatformKind;
import io.pointsaga.shop.Shop;
import io.pointsaga.shop.Shops;
import io.pointsaga.temporal.WorkflowIds;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Privacy over HTTP on the embedded stack (SPEC §9): Shopify's compliance webhooks
 * (customers/data_request, customers/redact, shop/redact), the admin's request list and export, and
 * the same operations for the operator.
 */
class PrivacyEndToEndTest {
  private static final String SECRET = "demo-webhook-secret";
  private static final String OPERATOR = "demo-operator-token";
  private static EmbeddedStack stack;
  private static JdbcClient jdbc;
  private static Shops shops;
  private static long demoShopId;

  @BeforeAll
  static void start() {
    stack = EmbeddedStack.get();
    jdbc = stack.context.getBean(JdbcClient.class);
    shops = stack.context.getBean(Shops.class);
    demoShopId = shops.findByDomain(EmbeddedStack.SHOP).orElseThrow().id();
  }

  private static String newCustomer() {
    return String.valueOf(
        100_000_000L + Math.abs(UUID.randomUUID().getMostSignificantBits() % 800_000_000L));
  }

  private static String newOrder() {
    return String.valueOf(
        Math.abs(UUID.randomUUID().getLeastSignificantBits() % 1_000_000_000_000L));
  }

  @Test
  void aDataRequestIsListedAndTheExportHoldsTheCustomersEntriesRedemptionsAndOrders() {
    String customer = newCustomer();
    String orderId = customerWithHistory(customer);
    String requestId = "dr-" + UUID.randomUUID();

    Response answer =
        dataRequest(EmbeddedStack.SHOP, customer, requestId, SECRET, "e-" + requestId);
    Response again = dataRequest(EmbeddedStack.SHOP, customer, requestId, SECRET, "e-" + requestId);

    assertThat(answer.status()).as("%s", answer.body()).isEqualTo(200);
    assertThat(answer.body().get("status").asText()).isEqualTo("recorded");
    assertThat(again.status()).isEqualTo(200);
    List<JsonNode> mine = requestsOf(customer);
    assertThat(mine).hasSize(1);
    assertThat(mine.get(0).get("kind").asText()).isEqualTo("DATA_REQUEST");
    assertThat(mine.get(0).get("source").asText()).isEqualTo("SHOPIFY_WEBHOOK");
    assertThat(mine.get(0).get("receivedAt").asText()).isNotBlank();
    assertThat(mine.get(0).get("completedAt").isNull()).isTrue();

    Response export = stack.api("GET", "/privacy/customers/" + customer + "/export", null);

    assertThat(export.status()).as("%s", export.body()).isEqualTo(200);
    JsonNode body = export.body();
    assertThat(body.at("/profile/customerId").asText()).isEqualTo(customer);
    assertThat(body.at("/profile/pointsBalance").asLong()).isEqualTo(550);
    assertThat(body.get("entries").findValuesAsText("kind"))
        .hasSize(3)
        .contains("MANUAL_ADJUSTMENT");
    assertThat(body.get("entries").findValues("points").stream().mapToLong(JsonNode::asLong).sum())
        .isEqualTo(550);
    assertThat(body.get("redemptions")).hasSize(1);
    assertThat(body.at("/redemptions/0/pointsSpent").asLong()).isEqualTo(500);
    assertThat(body.get("orders")).hasSize(1);
    assertThat(body.at("/orders/0/orderId").asText()).isEqualTo(orderId);
    assertThat(body.at("/orders/0/pointsEarned").asLong()).isEqualTo(50);
    assertThat(requestsOf(customer).get(0).get("completedAt").isNull())
        .as("serving the export completes the request")
        .isFalse();
    assertThat(stack.api("GET", "/privacy/customers/" + newCustomer() + "/export", null).status())
        .isEqualTo(404);
  }

  @Test
  void aRedactedCustomerIsGoneUnderTheOldIdWhileThePointsAndTheShopsTotalsStay() {
    String customer = newCustomer();
    String orderId = customerWithHistory(customer);
    long balance = ShopifyWebhooks.balance(customer);
    Totals before = demoTotals();
    JsonNode auditBefore = audit();

    Response answer = customerRedact(EmbeddedStack.SHOP, customer, SECRET, "red-" + customer);

    assertThat(answer.status()).as("%s", answer.body()).isEqualTo(200);
    assertThat(answer.body().get("status").asText()).isEqualTo("redacted");
    assertThat(stack.api("GET", "/customers/" + customer, null).status()).isEqualTo(404);
    assertThat(stack.api("GET", "/privacy/customers/" + customer + "/export", null).status())
        .isEqualTo(404);
    assertNothingNames(customer);
    String pseudonym = pseudonymOfOrder(orderId);
    assertThat(pseudonym).startsWith("redacted-");
    JsonNode profile = stack.api("GET", "/customers/" + pseudonym, null).body();
    assertThat(profile.get("pointsBalance").asLong()).isEqualTo(balance);
    assertThat(profile.get("redemptions")).hasSize(1);
    JsonNode notes = stack.api("GET", "/customers/" + pseudonym + "/activity", null).body();
    assertThat(notes.get("entries").findValuesAsText("note"))
        .anyMatch(n -> n.contains("goodwill for customer " + pseudonym + "."))
        .noneMatch(n -> n.contains(customer));
    assertThat(demoTotals()).isEqualTo(before);
    JsonNode auditAfter = audit();
    assertThat(auditAfter.get("mismatchesFound").asLong()).isZero();
    assertThat(auditAfter.get("entriesChecked").asLong())
        .isEqualTo(auditBefore.get("entriesChecked").asLong());
    assertThat(auditAfter.get("customersChecked").asLong())
        .isEqualTo(auditBefore.get("customersChecked").asLong());
    List<JsonNode> requests = requestsOf(pseudonym);
    assertThat(requests).hasSize(1);
    assertThat(requests.get(0).get("kind").asText()).isEqualTo("CUSTOMER_REDACT");

    Response redelivery = customerRedact(EmbeddedStack.SHOP, customer, SECRET, "red-" + customer);

    assertThat(redelivery.status()).isEqualTo(200);
    assertThat(redelivery.body().get("status").asText()).isEqualTo("ignored");
    assertThat(stack.api("GET", "/customers/" + customer, null).status()).isEqualTo(404);
    assertThat(ShopifyWebhooks.balance(pseudonym)).isEqualTo(balance);
    assertThat(requestsOf(pseudonym)).hasSize(1);
    assertThat(demoTotals()).isEqualTo(before);
  }

  /**
   * Found by the fuzzing stage: a redemption under an erased id answered 502 "coupon_failed" with a
   * note that points "may have been debited". The old id is 404 for writes too, and nothing starts.
   */
  @Test
  void redeemingOrAdjustingUnderAnErasedIdIs404AndWritesNothing() {
    String customer = newCustomer();
    stack.api(
        "POST", "/customers/" + customer + "/adjustments", Map.of("points", 900, "note", "gift"));
    long reward = stack.api("GET", "/rewards", null).body().get(0).get("rewardId").asLong();
    assertThat(customerRedact(EmbeddedStack.SHOP, customer, SECRET, "red-" + customer).status())
        .isEqualTo(200);
    long redemptionsBefore = countRows("redemption");

    Response redeem =
        stack.api("POST", "/customers/" + customer + "/redemptions", Map.of("rewardId", reward));
    Response adjust =
        stack.api(
            "POST", "/customers/" + customer + "/adjustments", Map.of("points", 5, "note", "x"));

    assertThat(redeem.status()).as("%s", redeem.body()).isEqualTo(404);
    assertThat(redeem.body().get("error").asText()).isEqualTo("not_found");
    assertThat(redeem.body().get("message").asText()).contains("erased").doesNotContain(customer);
    assertThat(adjust.status()).as("%s", adjust.body()).isEqualTo(404);
    assertThat(stack.api("GET", "/customers/" + customer, null).status()).isEqualTo(404);
    assertThat(countRows("redemption")).isEqualTo(redemptionsBefore);
    assertNothingNames(customer);
  }

  private static long countRows(String table) {
    return jdbc.sql("select count(*) from " + table + " where shop_id = ?")
        .params(demoShopId)
        .query(Long.class)
        .single();
  }

  @Test
  void aBadOrMissingSignatureIs401AndChangesNothing() throws Exception {
    String customer = newCustomer();
    stack.api(
        "POST", "/customers/" + customer + "/adjustments", Map.of("points", 10, "note", "kept"));

    Response redact = customerRedact(EmbeddedStack.SHOP, customer, "not-the-secret", "bad-1");
    Response request =
        dataRequest(EmbeddedStack.SHOP, customer, "dr-bad", "not-the-secret", "bad-2");
    Response erase =
        send(
            EmbeddedStack.SHOP,
            "shop/redact",
            stack.json.writeValueAsBytes(Map.of("shop_domain", EmbeddedStack.SHOP)),
            "",
            "bad-3");

    assertThat(redact.status()).isEqualTo(401);
    assertThat(redact.body().get("error").asText()).isEqualTo("invalid_signature");
    assertThat(request.status()).isEqualTo(401);
    assertThat(erase.status()).isEqualTo(401);
    assertThat(ShopifyWebhooks.balance(customer)).isEqualTo(10);
    assertThat(requestsOf(customer)).isEmpty();
    assertThat(shops.findByDomain(EmbeddedStack.SHOP)).isPresent();
  }

  @Test
  void shopRedactDeletesEveryRowOfTheShopAndLeavesTheOthers() {
    TestShop other = newShop();
    String customer = newCustomer();
    assertThat(
            other
                .api(
                    "POST",
                    "/customers/" + customer + "/adjustments",
                    Map.of("points", 70, "note", "welcome"))
                .status())
        .isEqualTo(201);
    assertThat(
            other
                .api(
                    "POST",
                    "/rewards",
                    Map.of("name", "$1 off", "pointsCost", 100, "discountAmount", 1))
                .status())
        .isEqualTo(201);
    String orderId = newOrder();
    Response paid =
        signed(
            other.shop().domain(),
            "orders/paid",
            order(orderId, customer, List.of(line(1, "30.00", null)), List.of()),
            other.shop().webhookSecret(),
            "paid-" + orderId);
    assertThat(paid.status()).isEqualTo(200);
    await(
        () ->
            jdbc.sql("select count(*) from order_event where shop_id = ? and order_id = ?")
                    .params(other.shop().id(), orderId)
                    .query(Long.class)
                    .single()
                > 0);
    assertThat(
            dataRequest(
                    other.shop().domain(),
                    customer,
                    "dr-" + orderId,
                    other.shop().webhookSecret(),
                    "dr-" + orderId)
                .status())
        .isEqualTo(200);
    assertThat(rowsOf(other.shop().id())).isGreaterThan(5);
    Totals demoBefore = demoTotals();

    Response erased = shopRedact(other, "erase-" + orderId);

    assertThat(erased.status()).as("%s", erased.body()).isEqualTo(200);
    assertThat(erased.body().get("status").asText()).isEqualTo("erased");
    assertThat(rowsOf(other.shop().id())).isZero();
    assertThat(shops.findByDomain(other.shop().domain())).isEmpty();
    assertThat(other.api("GET", "/privacy/requests", null).status()).isEqualTo(401);
    assertThat(demoTotals()).isEqualTo(demoBefore);
    assertThat(shops.findByDomain(EmbeddedStack.SHOP)).isPresent();

    Response redelivery = shopRedact(other, "erase-" + orderId);
    Response forged =
        signed(
            other.shop().domain(),
            "shop/redact",
            Map.of("shop_domain", other.shop().domain()),
            "not-the-secret",
            "forged-" + orderId);
    Response neverInstalled =
        signed(
            "never-" + orderId + ".myshopify.com",
            "shop/redact",
            Map.of("shop_domain", "never-" + orderId + ".myshopify.com"),
            "whatever",
            "never-" + orderId);

    assertThat(redelivery.status()).isEqualTo(200);
    assertThat(redelivery.body().get("status").asText()).isEqualTo("ignored");
    assertThat(forged.status()).isEqualTo(401);
    assertThat(neverInstalled.status()).isEqualTo(401);
  }

  @Test
  void theOperatorServesTheSameThreeRequestsAndNobodyElse() {
    String customer = newCustomer();
    stack.api(
        "POST",
        "/customers/" + customer + "/adjustments",
        Map.of("points", 42, "note", "for customer " + customer));
    String base = "/api/v1/operator/shops/" + EmbeddedStack.SHOP + "/privacy/customers/";

    Response noToken = stack.call("POST", base + customer + "/data-request", null, null);
    Response adminToken =
        stack.call("POST", base + customer + "/redact", null, EmbeddedStack.TOKEN);
    Response eraseNoToken =
        stack.call("POST", "/api/v1/operator/shops/" + EmbeddedStack.SHOP + "/redact", null, null);

    assertThat(noToken.status()).isEqualTo(401);
    assertThat(adminToken.status()).isEqualTo(401);
    assertThat(eraseNoToken.status()).isEqualTo(401);
    assertThat(ShopifyWebhooks.balance(customer)).isEqualTo(42);

    Response request =
        stack.call(
            "POST", base + customer + "/data-request", Map.of("reference", "ticket-1"), OPERATOR);
    Response repeat =
        stack.call(
            "POST", base + customer + "/data-request", Map.of("reference", "ticket-1"), OPERATOR);

    assertThat(request.status()).as("%s", request.body()).isEqualTo(200);
    assertThat(request.body().at("/request/source").asText()).isEqualTo("OPERATOR");
    assertThat(request.body().at("/export/profile/pointsBalance").asLong()).isEqualTo(42);
    assertThat(request.body().at("/export/entries")).hasSize(1);
    assertThat(repeat.body().at("/request/id").asLong())
        .isEqualTo(request.body().at("/request/id").asLong());
    assertThat(requestsOf(customer)).hasSize(1);
    assertThat(
            stack
                .call("POST", base + customer + "/data-request", "{\"reference\": 1.5}", OPERATOR)
                .status())
        .as("strict JSON")
        .isEqualTo(400);

    Totals before = demoTotals();
    Response redacted = stack.call("POST", base + customer + "/redact", null, OPERATOR);
    Response again = stack.call("POST", base + customer + "/redact", null, OPERATOR);

    assertThat(redacted.status()).as("%s", redacted.body()).isEqualTo(200);
    assertThat(redacted.body().get("outcome").asText()).isEqualTo("REDACTED");
    String pseudonym = redacted.body().get("pseudonym").asText();
    assertThat(redacted.body().get("pointsBalance").asLong()).isEqualTo(42);
    assertThat(stack.api("GET", "/customers/" + customer, null).status()).isEqualTo(404);
    assertThat(ShopifyWebhooks.balance(pseudonym)).isEqualTo(42);
    assertThat(again.body().get("outcome").asText()).isEqualTo("NOTHING_HELD");
    assertThat(demoTotals()).isEqualTo(before);
    assertNothingNames(customer);
    assertThat(requestsOf(pseudonym))
        .extracting(r -> r.get("kind").asText())
        .containsExactlyInAnyOrder("DATA_REQUEST", "CUSTOMER_REDACT");

    TestShop other = newShop();
    other.api("POST", "/customers/" + customer + "/adjustments", Map.of("points", 5, "note", "x"));
    String erasePath = "/api/v1/operator/shops/" + other.shop().domain() + "/redact";
    Response erased = stack.call("POST", erasePath, null, OPERATOR);
    Response erasedAgain = stack.call("POST", erasePath, null, OPERATOR);
    Response unknown =
        stack.call(
            "POST", "/api/v1/operator/shops/unknown-shop.myshopify.com/redact", null, OPERATOR);

    assertThat(erased.status()).as("%s", erased.body()).isEqualTo(200);
    assertThat(erased.body().get("outcome").asText()).isEqualTo("ERASED");
    assertThat(erased.body().get("rowsDeleted").asLong()).isGreaterThanOrEqualTo(4);
    assertThat(rowsOf(other.shop().id())).isZero();
    assertThat(erasedAgain.body().get("outcome").asText()).isEqualTo("NOTHING_HELD");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(demoTotals()).isEqualTo(before);
  }

  // --- helpers -------------------------------------------------------------------------------

  /** 1000 points by adjustment, a 500-point redemption, a paid order of 50.00: balance 550. */
  private static String customerWithHistory(String customer) {
    assertThat(
            stack
                .api(
                    "POST",
                    "/customers/" + customer + "/adjustments",
                    Map.of("points", 1000, "note", "goodwill for customer " + customer + "."))
                .status())
        .isEqualTo(201);
    long reward = stack.api("GET", "/rewards", null).body().get(0).get("rewardId").asLong();
    Response redemption =
        stack.api("POST", "/customers/" + customer + "/redemptions", Map.of("rewardId", reward));
    assertThat(redemption.status()).as("%s", redemption.body()).isEqualTo(201);
    String orderId = newOrder();
    Response paid =
        ShopifyWebhooks.webhook(
            "orders/paid",
            order(orderId, customer, List.of(line(1, "50.00", null)), List.of()),
            SECRET,
            "paid-" + orderId);
    assertThat(paid.status()).isEqualTo(200);
    assertThat(awaitBalance(customer, b -> b == 550)).isEqualTo(550);
    awaitOrderSagaIdle(EmbeddedStack.SHOP, orderId);
    return orderId;
  }

  /** No row of any table carries the id, in its id column, its texts or its keys. */
  private static void assertNothingNames(String customer) {
    String like = "%" + customer + "%";
    assertThat(
            jdbc.sql(
                    """
                    select (select count(*) from customer where customer_id = :c)
                         + (select count(*) from ledger_entry
                             where customer_id = :c or note like :like or idempotency_key like :like)
                         + (select count(*) from redemption where customer_id = :c)
                         + (select count(*) from customer_order where customer_id = :c)
                         + (select count(*) from activity_note
                             where customer_id = :c or message like :like
                                or idempotency_key like :like)
                         + (select count(*) from privacy_request where customer_id = :c)
                         + (select count(*) from webhook_inbox where payload::text like :like)
                    """)
                .param("c", customer)
                .param("like", like)
                .query(Long.class)
                .single())
        .isZero();
  }

  private static String pseudonymOfOrder(String orderId) {
    return jdbc.sql("select customer_id from customer_order where shop_id = ? and order_id = ?")
        .params(demoShopId, orderId)
        .query(String.class)
        .single();
  }

  record Totals(long points, long entries, long balances) {}

  private static Totals demoTotals() {
    return jdbc.sql(
            """
            select (select coalesce(sum(points), 0) from ledger_entry where shop_id = :s),
                   (select count(*) from ledger_entry where shop_id = :s),
                   (select coalesce(sum(points_balance), 0) from customer where shop_id = :s)
            """)
        .param("s", demoShopId)
        .query((rs, n) -> new Totals(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
        .single();
  }

  private static JsonNode audit() {
    Response audit = stack.call("GET", "/api/v1/ledger/audit", null, OPERATOR);
    assertThat(audit.status()).isEqualTo(200);
    return audit.body();
  }

  /** Rows of the shop in every table with a shop_id column, and its own row. */
  private static long rowsOf(long shopId) {
    List<String> tables =
        jdbc.sql(
                """
                select quote_ident(table_name) from information_schema.columns
                where table_schema = current_schema() and column_name = 'shop_id'
                """)
            .query(String.class)
            .list();
    long rows =
        jdbc.sql("select count(*) from shop where id = ?").param(shopId).query(Long.class).single();
    for (String table : tables) {
      rows +=
          jdbc.sql("select count(*) from " + table + " where shop_id = ?")
              .param(shopId)
              .query(Long.class)
              .single();
    }
    return rows;
  }

  private static List<JsonNode> requestsOf(String customer) {
    Response list = stack.api("GET", "/privacy/requests?limit=500", null);
    assertThat(list.status()).isEqualTo(200);
    List<JsonNode> mine = new ArrayList<>();
    list.body()
        .get("requests")
        .forEach(
            r -> {
              if (customer.equals(r.get("customerId").asText())) {
                mine.add(r);
              }
            });
    return mine;
  }

  record TestShop(Shop shop, String token) {
    Response api(String method, String path, Object body) {
      return stack.call(method, "/api/v1/shops/" + shop.domain() + path, body, token);
    }
  }

  private static TestShop newShop() {
    String name = "privacy-" + UUID.randomUUID().toString().substring(0, 8);
    Shop shop =
        shops.upsert(
            name + ".myshopify.com",
            PlatformKind.SHOPIFY,
            "http://127.0.0.1:1",
            "x",
            name + "-secret",
            "USD");
    shops.addAdminToken(shop.id(), name + "-token", "test");
    return new TestShop(shop, name + "-token");
  }

  private static Response dataRequest(
      String domain, String customer, String requestId, String secret, String eventId) {
    return signed(
        domain,
        "customers/data_request",
        Map.of(
            "shop_id", 1,
            "shop_domain", domain,
            "orders_requested", List.of(),
            "customer",
                Map.of(
                    "id", Long.parseLong(customer),
                    "email", "c@example.com",
                    "phone", "555-0100"),
            "data_request", Map.of("id", requestId)),
        secret,
        eventId);
  }

  private static Response customerRedact(
      String domain, String customer, String secret, String eventId) {
    return signed(
        domain,
        "customers/redact",
        Map.of(
            "shop_id",
            1,
            "shop_domain",
            domain,
            "customer",
            Map.of(
                "id", Long.parseLong(customer),
                "email", "c@example.com",
                "phone", "555-0100"),
            "orders_to_redact",
            List.of()),
        secret,
        eventId);
  }

  private static Response shopRedact(TestShop shop, String eventId) {
    return signed(
        shop.shop().domain(),
        "shop/redact",
        Map.of("shop_id", shop.shop().id(), "shop_domain", shop.shop().domain()),
        shop.shop().webhookSecret(),
        eventId);
  }

  private static Response signed(
      String domain, String topic, Object payload, String secret, String eventId) {
    try {
      byte[] body = stack.json.writeValueAsBytes(payload);
      String signature = io.pointsaga.starter.webhook.ShopifyWebhookSignature.sign(secret, body);
      return send(domain, topic, body, signature, eventId);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Response send(
      String domain, String topic, byte[] body, String signature, String eventId) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(stack.baseUrl + "/webhooks/shopify"))
              .header("Content-Type", "application/json")
              .header("X-Shopify-Topic", topic)
              .header("X-Shopify-Hmac-Sha256", signature)
              .header("X-Shopify-Shop-Domain", domain)
              .header("X-Shopify-Event-Id", eventId)
              .header("X-Shopify-Webhook-Id", UUID.randomUUID().toString())
              .header("X-Shopify-Triggered-At", Instant.now().toString())
              .POST(HttpRequest.BodyPublishers.ofByteArray(body))
              .build();
      HttpResponse<String> response =
          stack.http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Response(
          response.statusCode(),
          response.body().isBlank() ? null : stack.json.readTree(response.body()));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Waits until the order saga has run its VIP step: a step still running for the old id after the
   * redaction would write under it again.
   */
  private static void awaitOrderSagaIdle(String domain, String orderId) {
    WorkflowClient client = stack.context.getBean(WorkflowClient.class);
    String workflowId = WorkflowIds.order(domain, orderId);
    await(
        () -> {
          // the saga's ledger steps are local activities: each is a marker once it has run
          return client.fetchHistory(workflowId).getEvents().stream()
              .filter(HistoryEvent::hasMarkerRecordedEventAttributes)
              .anyMatch(
                  e ->
                      e.getMarkerRecordedEventAttributes()
                          .toString()
                          .toLowerCase(Locale.ROOT)
                          .contains("recalculatevip"));
        });
  }

  private static void await(Supplier<Boolean> done) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (!done.get()) {
      assertThat(Instant.now()).as("waited 60 s for the saga").isBefore(deadline);
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
