package io.pointsaga.local;

import static io.pointsaga.local.ShopifyWebhooks.awaitBalance;
import static io.pointsaga.local.ShopifyWebhooks.balance;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pointsaga.local.EmbeddedStack.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.LongPredicate;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Orders, refunds and cancellations made on the simulated Shopify platform (SPEC §10) reach
 * PointSaga only as the signed webhooks the platform sends to the subscriptions the install
 * registered: no webhook is built by the test.
 */
class SandboxOrderWebhooksEndToEndTest {
  private static final String OPERATOR = "demo-operator-token";

  private static EmbeddedStack stack;

  @BeforeAll
  static void start() {
    stack = EmbeddedStack.get();
  }

  /** A shop on the simulated platform and installed in PointSaga, with its admin token. */
  private record Installed(String domain, String adminToken) {}

  private static final Installed DEMO = new Installed(EmbeddedStack.SHOP, EmbeddedStack.TOKEN);

  private static String newCustomer() {
    return String.valueOf(1 + Math.abs(UUID.randomUUID().getMostSignificantBits() % 999_999_999L));
  }

  private static Map<String, Object> line(String price, int quantity) {
    return Map.of("price", price, "quantity", quantity);
  }

  /** Creates a paid order on the sandbox; answers the created order (201 required). */
  private static JsonNode order(Installed shop, String customer, Map<String, Object> extra) {
    Map<String, Object> body = new HashMap<>(extra);
    body.put("customerId", customer);
    Response created =
        stack.call("POST", "/sandbox/shops/" + shop.domain() + "/orders", body, null);
    assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
    return created.body();
  }

  private static Response refund(
      Installed shop, JsonNode order, List<Map<String, Object>> lines, boolean shipping) {
    return stack.call(
        "POST",
        "/sandbox/shops/" + shop.domain() + "/orders/" + order.get("orderId").asText() + "/refunds",
        Map.of("lines", lines, "shipping", shipping),
        null);
  }

  private static Map<String, Object> refundLine(JsonNode order, int index, int quantity) {
    return Map.of(
        "lineItemId", order.get("lineItems").get(index).get("id").asText(), "quantity", quantity);
  }

  private static OptionalLong knownBalance(Installed shop, String customer) {
    Response r =
        stack.call(
            "GET",
            "/api/v1/shops/" + shop.domain() + "/customers/" + customer,
            null,
            shop.adminToken());
    if (r.status() == 200) {
      return OptionalLong.of(r.body().get("pointsBalance").asLong());
    }
    assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(404);
    return OptionalLong.empty();
  }

  private static long awaitShopBalance(Installed shop, String customer, LongPredicate done) {
    if (shop.equals(DEMO)) {
      return awaitBalance(customer, done);
    }
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    OptionalLong balance = knownBalance(shop, customer);
    while (balance.isEmpty() || !done.test(balance.getAsLong())) {
      assertThat(Instant.now())
          .as("balance of %s at %s, last seen %s", customer, shop.domain(), balance)
          .isBefore(deadline);
      pause();
      balance = knownBalance(shop, customer);
    }
    return balance.getAsLong();
  }

  private static List<JsonNode> deliveries(Installed shop, String orderId) {
    JsonNode all =
        stack
            .call("GET", "/sandbox/shops/" + shop.domain() + "/webhook-deliveries", null, null)
            .body();
    List<JsonNode> ofOrder = new ArrayList<>();
    all.forEach(
        d -> {
          if (d.get("orderId").asText().equals(orderId)) {
            ofOrder.add(d);
          }
        });
    return ofOrder;
  }

  private static List<JsonNode> awaitDeliveries(
      Installed shop, String orderId, Predicate<List<JsonNode>> done) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    List<JsonNode> seen = deliveries(shop, orderId);
    while (!done.test(seen)) {
      assertThat(Instant.now()).as("deliveries of order %s: %s", orderId, seen).isBefore(deadline);
      pause();
      seen = deliveries(shop, orderId);
    }
    return seen;
  }

  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static long inboxRows(String domain, String orderId) {
    return stack
        .context
        .getBean(JdbcClient.class)
        .sql(
            """
            select count(*) from webhook_inbox i join shop s on s.id = i.shop_id
            where s.domain = ? and i.order_id = ?
            """)
        .params(domain, orderId)
        .query(Long.class)
        .single();
  }

  /** A new shop on the sandbox, installed by the operator with the same webhook secret. */
  private static Installed newInstalledShop() {
    String domain = "orders-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com";
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
    return new Installed(domain, adminToken);
  }

  @Test
  void theDemoShopIsInstalledWithItsSubscriptionsOnTheSandbox() {
    JsonNode subscriptions =
        stack
            .call("GET", "/sandbox/shops/" + DEMO.domain() + "/webhook-subscriptions", null, null)
            .body();
    List<String> topics = new ArrayList<>();
    subscriptions.forEach(s -> topics.add(s.get("topic").asText()));
    assertThat(topics)
        .containsExactlyInAnyOrder(
            "ORDERS_PAID",
            "REFUNDS_CREATE",
            "ORDERS_UPDATED",
            "ORDERS_CANCELLED",
            "ORDERS_EDITED",
            "APP_UNINSTALLED");
    subscriptions.forEach(s -> assertThat(s.get("uri").asText()).endsWith("/webhooks/shopify"));
  }

  @Test
  void anOrderInTheSandboxEarnsPoints() {
    String customer = newCustomer();

    JsonNode created =
        order(DEMO, customer, Map.of("lines", List.of(line("40.00", 1), line("20.00", 2))));

    assertThat(created.get("orderId").asText()).matches("[1-9][0-9]*");
    assertThat(created.get("lineItems")).hasSize(2);
    assertThat(created.get("lineItems").get(1).get("quantity").asInt()).isEqualTo(2);
    assertThat(awaitBalance(customer, b -> b == 80)).isEqualTo(80);
    List<JsonNode> sent = awaitDeliveries(DEMO, created.get("orderId").asText(), d -> !d.isEmpty());
    assertThat(sent.get(0).get("topic").asText()).isEqualTo("orders/paid");
  }

  @Test
  void aPartialRefundClawsBackItsShareAndAFullRefundTheRest() {
    String customer = newCustomer();
    JsonNode created =
        order(
            DEMO,
            customer,
            Map.of("lines", List.of(line("10.00", 3), line("20.00", 1)), "shipping", "5.00"));
    assertThat(awaitBalance(customer, b -> b == 50)).isEqualTo(50);

    Response partial = refund(DEMO, created, List.of(refundLine(created, 0, 1)), false);
    assertThat(partial.status()).as(String.valueOf(partial.body())).isEqualTo(201);
    assertThat(partial.body().get("refundId").asText()).matches("[1-9][0-9]*");
    assertThat(awaitBalance(customer, b -> b == 40)).isEqualTo(40);

    Response tooMuch = refund(DEMO, created, List.of(refundLine(created, 0, 3)), false);
    assertThat(tooMuch.status()).isEqualTo(400);

    Response rest =
        refund(DEMO, created, List.of(refundLine(created, 0, 2), refundLine(created, 1, 1)), true);
    assertThat(rest.status()).as(String.valueOf(rest.body())).isEqualTo(201);
    assertThat(awaitBalance(customer, b -> b == 0)).isEqualTo(0);
  }

  @Test
  void aCouponOrderFullyRefundedGivesTheCouponsPointsBack() {
    String customer = newCustomer();
    adjust(customer, 1000);
    long reward = stack.api("GET", "/rewards", null).body().get(0).get("rewardId").asLong();
    JsonNode redemption =
        stack
            .api("POST", "/customers/" + customer + "/redemptions", Map.of("rewardId", reward))
            .body();
    String coupon = redemption.get("couponCode").asText();
    assertThat(balance(customer)).isEqualTo(500);

    JsonNode created =
        order(
            DEMO,
            customer,
            Map.of(
                "lines",
                List.of(line("40.00", 1), line("20.00", 1)),
                "discountCodes",
                List.of(coupon)));
    // $5 off spread 3.34 + 1.66: 55.00 spent, 55 points.
    assertThat(awaitBalance(customer, b -> b == 555)).isEqualTo(555);
    JsonNode code = stack.sandbox("GET", "/discount-codes/" + coupon, null).body();
    assertThat(code.get("usageCount").asLong()).isEqualTo(1);

    Response full =
        refund(DEMO, created, List.of(refundLine(created, 0, 1), refundLine(created, 1, 1)), false);
    assertThat(full.status()).as(String.valueOf(full.body())).isEqualTo(201);
    assertThat(awaitBalance(customer, b -> b == 1000)).isEqualTo(1000);
  }

  private static void adjust(String customer, int points) {
    Response adjusted =
        stack.api(
            "POST",
            "/customers/" + customer + "/adjustments",
            Map.of("points", points, "note", "start"));
    assertThat(adjusted.status()).isEqualTo(201);
  }

  @Test
  void aCancelledOrderIsClawedBack() {
    String customer = newCustomer();
    JsonNode created = order(DEMO, customer, Map.of("lines", List.of(line("30.00", 1))));
    assertThat(awaitBalance(customer, b -> b == 30)).isEqualTo(30);

    Response cancelled =
        stack.sandbox("POST", "/orders/" + created.get("orderId").asText() + "/cancel", null);

    assertThat(cancelled.status()).as(String.valueOf(cancelled.body())).isEqualTo(200);
    // As Shopify's admin does by default, cancelling refunds what is left first.
    assertThat(cancelled.body().get("refundId").asText()).matches("[1-9][0-9]*");
    assertThat(awaitBalance(customer, b -> b == 0)).isEqualTo(0);
    assertThat(
            stack
                .sandbox("POST", "/orders/" + created.get("orderId").asText() + "/cancel", null)
                .status())
        .isEqualTo(409);
  }

  @Test
  void aNewlyInstalledShopReceivesItsOwnOrdersWebhooks() {
    Installed shop = newInstalledShop();
    String customer = newCustomer();

    order(shop, customer, Map.of("lines", List.of(line("12.00", 1))));

    assertThat(awaitShopBalance(shop, customer, b -> b == 12)).isEqualTo(12);
  }

  @Test
  void duplicatedDeliveriesAreAppliedOnce() {
    Installed shop = newInstalledShop();
    Response policy =
        stack.call(
            "PUT",
            "/sandbox/shops/" + shop.domain() + "/webhook-delivery",
            Map.of("dropRate", 0, "duplicateRate", 1, "maxDelayMs", 0, "seed", 7),
            null);
    assertThat(policy.status()).isEqualTo(200);
    String customer = newCustomer();

    String orderId =
        order(shop, customer, Map.of("lines", List.of(line("25.00", 1)))).get("orderId").asText();

    List<JsonNode> sent =
        awaitDeliveries(
            shop,
            orderId,
            d -> d.stream().filter(x -> x.get("status").asInt() == 200).count() == 2);
    assertThat(sent)
        .extracting(d -> d.get("eventId").asText())
        .containsOnly(sent.get(0).get("eventId").asText());
    assertThat(awaitShopBalance(shop, customer, b -> b == 25)).isEqualTo(25);
    assertThat(inboxRows(shop.domain(), orderId)).isEqualTo(1);
  }

  @Test
  void droppedDeliveriesApplyNothing() {
    Installed shop = newInstalledShop();
    stack.call(
        "PUT",
        "/sandbox/shops/" + shop.domain() + "/webhook-delivery",
        Map.of("dropRate", 1, "seed", 3),
        null);
    String dropped = newCustomer();
    String droppedOrder =
        order(shop, dropped, Map.of("lines", List.of(line("25.00", 1)))).get("orderId").asText();
    assertThat(deliveries(shop, droppedOrder))
        .extracting(d -> d.get("outcome").asText())
        .containsExactly("DROPPED");

    stack.call("PUT", "/sandbox/shops/" + shop.domain() + "/webhook-delivery", Map.of(), null);
    String delivered = newCustomer();
    order(shop, delivered, Map.of("lines", List.of(line("7.00", 1))));
    assertThat(awaitShopBalance(shop, delivered, b -> b == 7)).isEqualTo(7);

    assertThat(knownBalance(shop, dropped)).isEmpty();
    assertThat(inboxRows(shop.domain(), droppedOrder)).isZero();
  }

  @Test
  void badOrdersAndRefundsAreRefusedNamingTheField() {
    String orders = "/sandbox/shops/" + DEMO.domain() + "/orders";
    Response noCustomer =
        stack.call("POST", orders, Map.of("lines", List.of(line("1.00", 1))), null);
    Response threeDecimals =
        stack.call(
            "POST", orders, Map.of("customerId", "5", "lines", List.of(line("1.005", 1))), null);
    Response unknownCode =
        stack.call(
            "POST",
            orders,
            Map.of(
                "customerId",
                "5",
                "lines",
                List.of(line("1.00", 1)),
                "discountCodes",
                List.of("NOPE")),
            null);
    Response unknownOrder =
        stack.call("POST", orders + "/123/refunds", Map.of("lines", List.of()), null);
    Response unknownShop =
        stack.call(
            "POST",
            "/sandbox/shops/nobody.myshopify.com/orders",
            Map.of("customerId", "5", "lines", List.of(line("1.00", 1))),
            null);

    assertThat(noCustomer.status()).isEqualTo(400);
    assertThat(noCustomer.body().get("field").asText()).isEqualTo("customerId");
    assertThat(threeDecimals.status()).isEqualTo(400);
    assertThat(threeDecimals.body().get("field").asText()).isEqualTo("lines");
    assertThat(unknownCode.status()).isEqualTo(404);
    assertThat(unknownOrder.status()).isEqualTo(404);
    assertThat(unknownOrder.body().get("error").asText()).isEqualTo("order_not_found");
    assertThat(unknownShop.status()).isEqualTo(404);
  }
}
