package io.pointsaga.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pointsaga.local.EmbeddedStack.Response;
import io.pointsaga.shop.Shops;
import io.pointsaga.starter.install.SignedPayloadJwt;
import java.math.BigDecimal;
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
 * A BigCommerce store end to end over HTTP (issue 9, item 6): created on the simulated BigCommerce
 * platform, installed by the operator against it (hooks registered there), orders, status changes
 * and refunds made in the sandbox reach PointSaga only as the hooks' deliveries (ids only, the
 * details read back from the simulated store's API), a redemption's coupon is deleted on the store
 * by its cancellation, and after the uninstall callback the deliveries are ignored until the
 * operator erases the shop. No webhook is built by the test.
 */
class BigCommerceSandboxEndToEndTest {
  private static final String OPERATOR = "demo-operator-token";
  private static final List<String> SCOPES =
      List.of("store/order/statusUpdated", "store/order/refund/created", "store/app/uninstalled");

  private static EmbeddedStack stack;

  @BeforeAll
  static void start() {
    stack = EmbeddedStack.get();
  }

  /** A store on the simulated BigCommerce platform. */
  private record SandboxStore(String hash, String domain, String accessToken, String apiBaseUrl) {
    String webhookSecret() {
      return "bc-secret-" + hash;
    }
  }

  private static SandboxStore sandboxStore() {
    String hash = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    String domain = "store-" + hash + ".mybigcommerce.com";
    String token = "bc-token-" + UUID.randomUUID();
    Response created =
        stack.call(
            "POST",
            "/sandbox/shops",
            Map.of("domain", domain, "platform", "BIGCOMMERCE", "accessToken", token),
            null);
    assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
    assertThat(created.body().get("platform").asText()).isEqualTo("BIGCOMMERCE");
    assertThat(created.body().get("storeHash").asText()).isEqualTo(hash);
    return new SandboxStore(hash, domain, token, created.body().get("apiBaseUrl").asText());
  }

  private static Response install(SandboxStore store, String accessToken) {
    return stack.call(
        "POST",
        "/api/v1/shops",
        Map.of(
            "domain", store.domain(),
            "platform", "BIGCOMMERCE",
            "accessToken", accessToken,
            "webhookSecret", store.webhookSecret(),
            "apiBaseUrl", store.apiBaseUrl()),
        OPERATOR);
  }

  private static List<JsonNode> hooks(SandboxStore store) {
    List<JsonNode> hooks = new ArrayList<>();
    stack
        .call("GET", "/sandbox/shops/" + store.domain() + "/webhook-subscriptions", null, null)
        .body()
        .forEach(hooks::add);
    return hooks;
  }

  @Test
  void credentialsTheSimulatedStoreRejectsAre422AndNothingIsStored() {
    SandboxStore store = sandboxStore();

    Response rejected = install(store, "not-the-token");

    assertThat(rejected.status()).isEqualTo(422);
    assertThat(rejected.body().get("error").asText()).isEqualTo("platform_credentials_rejected");
    assertThat(rejected.body().get("message").asText())
        .contains(store.domain())
        .doesNotContain("not-the-token", store.accessToken());
    assertThat(stack.context.getBean(Shops.class).findByDomain(store.domain())).isEmpty();
    assertThat(hooks(store)).isEmpty();
  }

  @Test
  void aStoreIsInstalledEarnsAndLosesPointsThroughItsHooksThenUninstalledAndErased()
      throws Exception {
    SandboxStore store = sandboxStore();

    // Install: the token is checked with GET /v2/store, the hooks created with POST /v3/hooks.
    Response installed = install(store, store.accessToken());
    assertThat(installed.status()).as(String.valueOf(installed.body())).isEqualTo(201);
    String admin = installed.body().get("adminToken").asText();
    List<String> statuses = new ArrayList<>();
    installed
        .body()
        .get("webhookSubscriptions")
        .forEach(s -> statuses.add(s.get("status").asText()));
    assertThat(statuses).containsOnly("ACTIVE").hasSize(SCOPES.size());
    List<JsonNode> hooks = hooks(store);
    assertThat(hooks)
        .extracting(h -> h.get("scope").asText())
        .containsExactlyInAnyOrderElementsOf(SCOPES);
    assertThat(hooks)
        .allSatisfy(
            h -> {
              assertThat(h.get("destination").asText()).endsWith("/webhooks/bigcommerce");
              assertThat(h.get("isActive").asBoolean()).isTrue();
            });
    Response listed = admin(store, admin, "GET", "/webhook-subscriptions", null);
    assertThat(listed.status()).isEqualTo(200);
    listed
        .body()
        .get("webhookSubscriptions")
        .forEach(s -> assertThat(s.get("status").asText()).isEqualTo("ACTIVE"));
    assertThat(
            admin(
                    store,
                    admin,
                    "PUT",
                    "/earning-rules/place-order",
                    Map.of("pointsPerUnit", 1, "enabled", true))
                .status())
        .isBetween(200, 201);

    // An order placed Pending earns nothing; completed, it earns on its lines, not the shipping.
    String customer = newCustomer();
    JsonNode order =
        order(
            store,
            Map.of(
                "customerId",
                customer,
                "statusId",
                1,
                "lines",
                List.of(line("40.00", 1), line("20.00", 1)),
                "shipping",
                "7.50"));
    String orderId = order.get("orderId").asText();
    awaitDeliveries(store, orderId, d -> sentOk(d) == 1);
    assertThat(balanceOf(store, admin, customer).orElse(0))
        .as("nothing earned while Pending")
        .isZero();

    Response completed =
        stack.call(
            "POST",
            "/sandbox/shops/" + store.domain() + "/orders/" + orderId + "/status",
            Map.of("statusId", 10),
            null);
    assertThat(completed.status()).as(String.valueOf(completed.body())).isEqualTo(200);
    assertThat(completed.body().get("previousStatusId").asInt()).isEqualTo(1);
    assertThat(awaitBalance(store, admin, customer, b -> b == 60)).isEqualTo(60);

    // A partial refund (the 20.00 line) claws back its share; refunding the rest, the rest.
    Response partial = refund(store, order, List.of(refundLine(order, 1, 1)), false);
    assertThat(partial.status()).as(String.valueOf(partial.body())).isEqualTo(201);
    assertThat(awaitBalance(store, admin, customer, b -> b == 40)).isEqualTo(40);
    assertThat(orderStatus(store, orderId)).isEqualTo(14);

    Response rest = refund(store, order, List.of(refundLine(order, 0, 1)), true);
    assertThat(rest.status()).as(String.valueOf(rest.body())).isEqualTo(201);
    assertThat(awaitBalance(store, admin, customer, b -> b == 0)).isEqualTo(0);
    assertThat(orderStatus(store, orderId)).isEqualTo(4);
    List<JsonNode> sent =
        awaitDeliveries(store, orderId, d -> sentOk(d) == 6); // 1, 10; refund, 14; refund, 4
    // Sent concurrently: a refund's event and the status change it causes may arrive either way.
    assertThat(sent)
        .extracting(d -> d.get("topic").asText())
        .containsExactlyInAnyOrder(
            "store/order/statusUpdated",
            "store/order/statusUpdated",
            "store/order/refund/created",
            "store/order/statusUpdated",
            "store/order/refund/created",
            "store/order/statusUpdated");
    JsonNode entries =
        admin(store, admin, "GET", "/customers/" + customer + "/activity", null)
            .body()
            .get("entries");
    assertThat(entries.findValuesAsText("kind"))
        .containsExactly("REFUND_CLAWBACK", "REFUND_CLAWBACK", "EARN");

    // A redemption's coupon is created on the store; cancelling the redemption deletes it there.
    Response reward =
        admin(
            store,
            admin,
            "POST",
            "/rewards",
            Map.of("name", "$5 off", "pointsCost", 500, "discountAmount", new BigDecimal("5.00")));
    assertThat(reward.status()).as(String.valueOf(reward.body())).isEqualTo(201);
    assertThat(
            admin(
                    store,
                    admin,
                    "POST",
                    "/customers/" + customer + "/adjustments",
                    Map.of("points", 700, "note", "welcome"))
                .status())
        .isEqualTo(201);
    Response redeemed =
        admin(
            store,
            admin,
            "POST",
            "/customers/" + customer + "/redemptions",
            Map.of("rewardId", reward.body().get("rewardId").asLong()));
    assertThat(redeemed.status()).as(String.valueOf(redeemed.body())).isEqualTo(201);
    String code = redeemed.body().get("couponCode").asText();
    assertThat(sandboxGet(store, "/discount-codes/" + code).get("state").asText())
        .isEqualTo("ACTIVE");
    assertThat(balanceOf(store, admin, customer)).hasValue(200);

    JsonNode cancellation =
        awaitCancellation(store, admin, redeemed.body().get("redemptionId").asText());
    assertThat(cancellation.get("outcome").asText()).isEqualTo("CANCELLED");
    assertThat(sandboxGet(store, "/discount-codes/" + code).get("state").asText())
        .isEqualTo("DELETED");
    assertThat(balanceOf(store, admin, customer)).hasValue(700);

    // The uninstall callback: the admin token stops working, the store's deliveries are ignored.
    Response uninstalled =
        stack.call(
            "GET", "/bigcommerce/uninstall?signed_payload_jwt=" + jwt(store.hash()), null, null);
    assertThat(uninstalled.status()).as(String.valueOf(uninstalled.body())).isEqualTo(200);
    assertThat(uninstalled.body().get("status").asText()).isEqualTo("UNINSTALLED");
    assertThat(admin(store, admin, "GET", "/customers/" + customer, null).status()).isEqualTo(401);
    JsonNode ignoredOrder =
        order(store, Map.of("customerId", customer, "lines", List.of(line("30.00", 1))));
    String ignoredId = ignoredOrder.get("orderId").asText();
    awaitDeliveries(store, ignoredId, d -> sentOk(d) == 1);
    assertThat(inboxRows(store.domain(), ignoredId)).as("an ignored delivery is not kept").isZero();

    // The operator erases the shop: nothing of it is left.
    Response erased =
        stack.call("POST", "/api/v1/operator/shops/" + store.domain() + "/redact", null, OPERATOR);
    assertThat(erased.status()).as(String.valueOf(erased.body())).isEqualTo(200);
    assertThat(erased.body().get("outcome").asText()).isEqualTo("ERASED");
    assertThat(stack.context.getBean(Shops.class).findByDomain(store.domain())).isEmpty();
    assertThat(inboxRows(store.domain(), orderId)).isZero();
  }

  // ---- the sandbox -----------------------------------------------------------------------------

  private static String newCustomer() {
    return String.valueOf(1 + Math.abs(UUID.randomUUID().getMostSignificantBits() % 999_999_999L));
  }

  private static Map<String, Object> line(String price, int quantity) {
    return Map.of("price", price, "quantity", quantity);
  }

  private static JsonNode order(SandboxStore store, Map<String, Object> body) {
    Response created =
        stack.call(
            "POST", "/sandbox/shops/" + store.domain() + "/orders", new HashMap<>(body), null);
    assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
    return created.body();
  }

  private static Response refund(
      SandboxStore store, JsonNode order, List<Map<String, Object>> lines, boolean shipping) {
    return stack.call(
        "POST",
        "/sandbox/shops/"
            + store.domain()
            + "/orders/"
            + order.get("orderId").asText()
            + "/refunds",
        Map.of("lines", lines, "shipping", shipping),
        null);
  }

  private static Map<String, Object> refundLine(JsonNode order, int index, int quantity) {
    return Map.of(
        "lineItemId", order.get("lineItems").get(index).get("id").asText(), "quantity", quantity);
  }

  /** The order's status as the simulated store's own API reports it. */
  private static int orderStatus(SandboxStore store, String orderId) throws Exception {
    var request =
        java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(store.apiBaseUrl() + "/v2/orders/" + orderId))
            .header("X-Auth-Token", store.accessToken())
            .header("Accept", "application/json")
            .build();
    var response = stack.http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return stack.json.readTree(response.body()).get("status_id").asInt();
  }

  private static JsonNode sandboxGet(SandboxStore store, String path) {
    Response r = stack.call("GET", "/sandbox/shops/" + store.domain() + path, null, null);
    assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(200);
    return r.body();
  }

  private static List<JsonNode> deliveries(SandboxStore store, String orderId) {
    List<JsonNode> ofOrder = new ArrayList<>();
    sandboxGet(store, "/webhook-deliveries")
        .forEach(
            d -> {
              if (d.get("orderId").asText().equals(orderId)) {
                ofOrder.add(d);
              }
            });
    return ofOrder;
  }

  private static long sentOk(List<JsonNode> deliveries) {
    return deliveries.stream()
        .filter(d -> "SENT".equals(d.get("outcome").asText()) && d.get("status").asInt() == 200)
        .count();
  }

  private static List<JsonNode> awaitDeliveries(
      SandboxStore store, String orderId, Predicate<List<JsonNode>> done) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    List<JsonNode> seen = deliveries(store, orderId);
    while (!done.test(seen)) {
      assertThat(Instant.now()).as("deliveries of order %s: %s", orderId, seen).isBefore(deadline);
      pause();
      seen = deliveries(store, orderId);
    }
    return seen;
  }

  // ---- PointSaga -------------------------------------------------------------------------------

  private static Response admin(
      SandboxStore store, String adminToken, String method, String path, Object body) {
    return stack.call(method, "/api/v1/shops/" + store.domain() + path, body, adminToken);
  }

  private static OptionalLong balanceOf(SandboxStore store, String admin, String customer) {
    Response r = admin(store, admin, "GET", "/customers/" + customer, null);
    if (r.status() == 200) {
      return OptionalLong.of(r.body().get("pointsBalance").asLong());
    }
    assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(404);
    return OptionalLong.empty();
  }

  private static long awaitBalance(
      SandboxStore store, String admin, String customer, LongPredicate done) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    OptionalLong balance = balanceOf(store, admin, customer);
    while (balance.isEmpty() || !done.test(balance.getAsLong())) {
      assertThat(Instant.now())
          .as("balance of %s at %s, last seen %s", customer, store.domain(), balance)
          .isBefore(deadline);
      pause();
      balance = balanceOf(store, admin, customer);
    }
    return balance.getAsLong();
  }

  private static JsonNode awaitCancellation(SandboxStore store, String admin, String redemption) {
    String path = "/redemptions/" + redemption + "/cancellation";
    Response answer = admin(store, admin, "POST", path, Map.of("refundPointsAnyway", false));
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (!"COMPLETED".equals(answer.body().path("status").asText())) {
      assertThat(answer.status()).as(String.valueOf(answer.body())).isIn(200, 202);
      assertThat(Instant.now()).as("cancellation %s", answer.body()).isBefore(deadline);
      pause();
      answer = admin(store, admin, "GET", path, null);
    }
    return answer.body();
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

  /** The uninstall callback's signed_payload_jwt, signed with the app's client secret. */
  private static String jwt(String hash) {
    long now = Instant.now().getEpochSecond();
    return SignedPayloadJwt.sign(
        "{\"aud\":\""
            + BigCommerceAppStub.CLIENT_ID
            + "\",\"iss\":\"bc\",\"iat\":"
            + now
            + ",\"nbf\":"
            + (now - 5)
            + ",\"exp\":"
            + (now + 60)
            + ",\"jti\":\""
            + UUID.randomUUID()
            + "\",\"sub\":\"stores/"
            + hash
            + "\",\"user\":{\"id\":1,\"email\":\"owner@example.com\"},\"owner\":{\"id\":1}}",
        BigCommerceAppStub.CLIENT_SECRET);
  }

  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
