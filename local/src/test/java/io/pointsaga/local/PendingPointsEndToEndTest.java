package io.pointsaga.local;

import static io.pointsaga.local.ShopifyWebhooks.awaitBalance;
import static io.pointsaga.local.ShopifyWebhooks.line;
import static io.pointsaga.local.ShopifyWebhooks.order;
import static io.pointsaga.local.ShopifyWebhooks.webhook;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pointsaga.local.EmbeddedStack.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * SPEC §13 over HTTP on the embedded mode: a shop with a pending period of a few seconds, orders,
 * refunds and edits made on the simulated Shopify platform (whose signed webhooks are the only way
 * in), and coupon points given back in proportion.
 */
class PendingPointsEndToEndTest {
  private static final String OPERATOR = "demo-operator-token";
  private static final String DEMO_SECRET = "demo-webhook-secret";

  private static EmbeddedStack stack;

  @BeforeAll
  static void start() {
    stack = EmbeddedStack.get();
  }

  private record Shop(String domain, String adminToken) {
    String api(String path) {
      return "/api/v1/shops/" + domain + path;
    }
  }

  @Test
  void pointsArePendingForThePeriodReducedByARefundThenApproved() {
    Shop shop = newInstalledShop();
    Response saved = put(shop, "/settings", Map.of("pendingPeriod", "PT4S"));
    assertThat(saved.status()).as(String.valueOf(saved.body())).isEqualTo(200);
    assertThat(saved.body().get("pendingPeriod").asText()).isEqualTo("PT4S");
    String customer = newCustomer();

    JsonNode order =
        sandboxOrder(shop, customer, List.of(unit("30.00", 1), unit("20.00", 1)), null);
    JsonNode pending = awaitCustomer(shop, customer, c -> c.get("pendingPoints").asLong() == 50);
    assertThat(pending.get("pointsBalance").asLong())
        .as("pending points are not in the balance")
        .isZero();
    Response spend =
        stack.call(
            "POST",
            shop.api("/customers/" + customer + "/adjustments"),
            Map.of("points", -10, "note", "try to spend pending points"),
            shop.adminToken());
    assertThat(spend.status()).as("pending points cannot be spent").isEqualTo(422);
    assertThat(spend.body().get("error").asText()).isEqualTo("insufficient_points");

    Response refunded = sandboxRefund(shop, order, 1);
    assertThat(refunded.status()).as(String.valueOf(refunded.body())).isEqualTo(201);
    JsonNode reduced = awaitCustomer(shop, customer, c -> c.get("pendingPoints").asLong() == 30);
    assertThat(reduced.get("pointsBalance").asLong())
        .as("a refund in the period never touches the balance")
        .isZero();

    JsonNode approved =
        awaitCustomer(
            shop,
            customer,
            c -> c.get("pointsBalance").asLong() == 30 && c.get("pendingPoints").asLong() == 0);
    assertThat(approved.get("pendingPoints").asLong()).isZero();
    JsonNode activity =
        stack
            .call("GET", shop.api("/customers/" + customer + "/activity"), null, shop.adminToken())
            .body()
            .get("entries");
    assertThat(activity.get(0).get("kind").asText()).isEqualTo("EARN");
    assertThat(activity.get(0).get("points").asLong()).isEqualTo(30);
    assertThat(activity.get(0).get("note").asText())
        .startsWith("Approved 30 pending points of order " + order.get("orderId").asText());
  }

  @Test
  void aPendingPeriodNegativeAboveAYearOrUnreadableIs400() {
    Shop shop = newInstalledShop();
    for (Object bad : List.of("-PT1S", "P366D", "P1Y", "two weeks", 14)) {
      Response answer = put(shop, "/settings", Map.of("pendingPeriod", bad));
      assertThat(answer.status()).as("pendingPeriod %s: %s", bad, answer.body()).isEqualTo(400);
      assertThat(answer.body().get("message").asText()).contains("pendingPeriod");
    }
    assertThat(put(shop, "/settings", Map.of("pendingPeriod", "P365D")).status()).isEqualTo(200);
  }

  @Test
  void anOrderEditOnTheSandboxTakesBackTheRemovedItemsPointsAndAddedUnitsEarn() {
    Shop shop = newInstalledShop();
    String customer = newCustomer();
    JsonNode order = sandboxOrder(shop, customer, List.of(unit("10.00", 3), unit("5.00", 1)), null);
    awaitCustomer(shop, customer, c -> c.get("pointsBalance").asLong() == 35);

    Response removed = sandboxEdit(shop, order, List.of(editLine(order, 0, 2)), List.of());
    assertThat(removed.status()).as(String.valueOf(removed.body())).isEqualTo(201);
    awaitCustomer(shop, customer, c -> c.get("pointsBalance").asLong() == 15);

    Response added = sandboxEdit(shop, order, List.of(), List.of(editLine(order, 1, 2)));
    assertThat(added.status()).as(String.valueOf(added.body())).isEqualTo(201);
    awaitCustomer(shop, customer, c -> c.get("pointsBalance").asLong() == 25);

    JsonNode entries =
        stack
            .call("GET", shop.api("/customers/" + customer + "/activity"), null, shop.adminToken())
            .body()
            .get("entries");
    List<String> kinds = new ArrayList<>();
    entries.forEach(e -> kinds.add(e.get("kind").asText() + " " + e.get("points").asLong()));
    assertThat(kinds).containsSubsequence("EARN 10", "EDIT_CLAWBACK -20", "EARN 35");
    assertThat(entries.get(1).get("note").asText())
        .startsWith("Edit " + removed.body().get("editId").asText() + " of order");
  }

  /** An edit whose order is not known yet is kept and counts when the payment arrives. */
  @Test
  void anEditBeforeItsOrderIsKeptAndAppliedWhenTheOrderArrives() {
    String customer = newCustomer();
    String orderId = String.valueOf(7_000_000_000L + Math.abs(UUID.randomUUID().hashCode()));
    long shirts = 71L;
    Map<String, Object> edit =
        Map.of(
            "order_edit",
            Map.of(
                "id",
                Math.abs(UUID.randomUUID().hashCode()) + 1L,
                "order_id",
                Long.parseLong(orderId),
                "line_items",
                Map.of(
                    "additions",
                    List.of(),
                    "removals",
                    List.of(Map.of("id", shirts, "delta", 1)))));
    webhook("orders/edited", edit, DEMO_SECRET, UUID.randomUUID().toString());
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (editsRecorded(orderId) == 0) { // the saga kept it before the order is known
      assertThat(Instant.now()).as("edit of unknown order %s recorded", orderId).isBefore(deadline);
      pause();
    }

    Map<String, Object> twoShirts = new HashMap<>(line(shirts, "20.00", null));
    twoShirts.put("quantity", 2);
    webhook(
        "orders/paid",
        order(orderId, customer, List.of(twoShirts, line(72L, "6.00", null)), List.of()),
        DEMO_SECRET,
        UUID.randomUUID().toString());

    assertThat(awaitBalance(customer, b -> b > 0))
        .as("one shirt of two was edited away before the payment arrived: 20 + 6")
        .isEqualTo(26);
  }

  private static long editsRecorded(String orderId) {
    return stack
        .context
        .getBean(JdbcClient.class)
        .sql(
            """
            select count(*) from order_event e join shop s on s.id = e.shop_id
            where s.domain = ? and e.order_id = ? and e.event_key like 'edit:%'
            """)
        .params(EmbeddedStack.SHOP, orderId)
        .query(Long.class)
        .single();
  }

  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  void restoreRedeemedPointsProportionalGivesCouponPointsBackWithEachRefund() {
    Shop shop = newInstalledShop();
    assertThat(put(shop, "/settings", Map.of("restoreRedeemedPoints", "PROPORTIONAL")).status())
        .isEqualTo(200);
    Response reward =
        stack.call(
            "POST",
            shop.api("/rewards"),
            Map.of("name", "$5 off", "pointsCost", 500, "discountAmount", 5),
            shop.adminToken());
    assertThat(reward.status()).as(String.valueOf(reward.body())).isEqualTo(201);
    String customer = newCustomer();
    assertThat(
            stack
                .call(
                    "POST",
                    shop.api("/customers/" + customer + "/adjustments"),
                    Map.of("points", 1000, "note", "welcome"),
                    shop.adminToken())
                .status())
        .isEqualTo(201);
    Response redeemed =
        stack.call(
            "POST",
            shop.api("/customers/" + customer + "/redemptions"),
            Map.of("rewardId", reward.body().get("rewardId").asLong()),
            shop.adminToken());
    assertThat(redeemed.status()).as(String.valueOf(redeemed.body())).isEqualTo(201);
    String redemption = redeemed.body().get("redemptionId").asText();
    String code = redeemed.body().get("couponCode").asText();

    JsonNode order =
        sandboxOrder(shop, customer, List.of(unit("10.00", 1), unit("10.00", 1)), List.of(code));
    awaitCustomer(shop, customer, c -> c.get("pointsBalance").asLong() == 515);

    assertThat(sandboxRefund(shop, order, 0).status()).isEqualTo(201);
    JsonNode half = awaitRedemption(shop, redemption, r -> r.get("pointsRestored").asLong() > 0);
    assertThat(half.get("pointsRestored").asLong()).as("7.50 of 15.00 refunded").isEqualTo(250);
    assertThat(half.get("status").asText()).isNotEqualTo("REFUNDED");
    awaitCustomer(shop, customer, c -> c.get("pointsBalance").asLong() == 515 - 8 + 250);

    assertThat(sandboxRefund(shop, order, 1).status()).isEqualTo(201);
    JsonNode all = awaitRedemption(shop, redemption, r -> r.get("pointsRestored").asLong() == 500);
    assertThat(all.get("status").asText()).isEqualTo("REFUNDED");
    assertThat(all.get("refundedAt").isNull()).isFalse();
    awaitCustomer(shop, customer, c -> c.get("pointsBalance").asLong() == 1000);
  }

  // ---- helpers ----

  private static Map<String, Object> unit(String price, int quantity) {
    return Map.of("price", price, "quantity", quantity);
  }

  private static Map<String, Object> editLine(JsonNode order, int index, int quantity) {
    return Map.of(
        "lineItemId", order.get("lineItems").get(index).get("id").asText(), "quantity", quantity);
  }

  private static JsonNode sandboxOrder(
      Shop shop, String customer, List<Map<String, Object>> lines, List<String> codes) {
    Map<String, Object> body = new HashMap<>();
    body.put("customerId", customer);
    body.put("lines", lines);
    if (codes != null) {
      body.put("discountCodes", codes);
    }
    Response created =
        stack.call("POST", "/sandbox/shops/" + shop.domain() + "/orders", body, null);
    assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
    return created.body();
  }

  private static Response sandboxRefund(Shop shop, JsonNode order, int lineIndex) {
    return stack.call(
        "POST",
        "/sandbox/shops/" + shop.domain() + "/orders/" + order.get("orderId").asText() + "/refunds",
        Map.of("lines", List.of(editLine(order, lineIndex, 1)), "shipping", false),
        null);
  }

  private static Response sandboxEdit(
      Shop shop,
      JsonNode order,
      List<Map<String, Object>> removals,
      List<Map<String, Object>> additions) {
    return stack.call(
        "POST",
        "/sandbox/shops/" + shop.domain() + "/orders/" + order.get("orderId").asText() + "/edits",
        Map.of("removals", removals, "additions", additions),
        null);
  }

  private static Response put(Shop shop, String path, Map<String, Object> body) {
    return stack.call("PUT", shop.api(path), body, shop.adminToken());
  }

  private static JsonNode awaitCustomer(Shop shop, String customer, Predicate<JsonNode> done) {
    return await(shop.api("/customers/" + customer), shop, done);
  }

  private static JsonNode awaitRedemption(Shop shop, String redemption, Predicate<JsonNode> done) {
    return await(shop.api("/redemptions/" + redemption), shop, done);
  }

  private static JsonNode await(String path, Shop shop, Predicate<JsonNode> done) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    Response seen = stack.call("GET", path, null, shop.adminToken());
    while (seen.status() != 200 || !done.test(seen.body())) {
      assertThat(Instant.now()).as("%s, last seen %s", path, seen.body()).isBefore(deadline);
      pause();
      seen = stack.call("GET", path, null, shop.adminToken());
    }
    return seen.body();
  }

  private static String newCustomer() {
    return String.valueOf(1 + Math.abs(UUID.randomUUID().getMostSignificantBits() % 999_999_999L));
  }

  /** A new shop on the sandbox, installed by the operator, earning 1 point per unit. */
  private static Shop newInstalledShop() {
    String domain = "pending-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com";
    String token = "shpat_" + UUID.randomUUID();
    String secret = "whsec-" + UUID.randomUUID();
    Response created =
        stack.call(
            "POST",
            "/sandbox/shops",
            Map.of(
                "domain",
                domain,
                "platform",
                "SHOPIFY",
                "accessToken",
                token,
                "webhookSecret",
                secret),
            null);
    assertThat(created.status()).isEqualTo(201);
    Response installed =
        stack.call(
            "POST",
            "/api/v1/shops",
            Map.of(
                "domain", domain,
                "platform", "SHOPIFY",
                "accessToken", token,
                "webhookSecret", secret,
                "apiBaseUrl", created.body().get("apiBaseUrl").asText()),
            OPERATOR);
    assertThat(installed.status()).as(String.valueOf(installed.body())).isEqualTo(201);
    String adminToken = installed.body().get("adminToken").asText();
    Response rule =
        stack.call(
            "PUT",
            "/api/v1/shops/" + domain + "/earning-rules/place-order",
            Map.of("pointsPerUnit", 1, "enabled", true),
            adminToken);
    assertThat(rule.status()).as(String.valueOf(rule.body())).isBetween(200, 201);
    return new Shop(domain, adminToken);
  }
}
