package io.pointsaga.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pointsaga.local.EmbeddedStack.Response;
import io.pointsaga.shop.Shop;
import io.pointsaga.shop.ShopStatus;
import io.pointsaga.shop.Shops;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Installing, checking and uninstalling shops over HTTP on the embedded stack (SPEC §9), against
 * shops created on the simulated Shopify platform.
 */
class ShopInstallEndToEndTest {
  private static final String OPERATOR = "demo-operator-token";
  private static final List<String> TOPICS =
      List.of(
          "ORDERS_PAID",
          "REFUNDS_CREATE",
          "ORDERS_UPDATED",
          "ORDERS_CANCELLED",
          "ORDERS_EDITED",
          "APP_UNINSTALLED");

  private static EmbeddedStack stack;
  private static String callbackAddress;

  @BeforeAll
  static void start() {
    stack = EmbeddedStack.get();
    String port = stack.context.getEnvironment().getProperty("local.server.port");
    callbackAddress = "http://localhost:" + port + "/webhooks/shopify";
  }

  /** A new shop on the simulated platform, not yet installed in PointSaga. */
  private record SimulatedShop(String domain, String accessToken, String apiBaseUrl) {
    String secret() {
      return "whsec-" + domain;
    }
  }

  private static SimulatedShop simulatedShop() {
    String domain = "install-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com";
    String token = "shpat_" + UUID.randomUUID();
    Response created =
        stack.call(
            "POST",
            "/sandbox/shops",
            Map.of("domain", domain, "platform", "SHOPIFY", "accessToken", token),
            null);
    assertThat(created.status()).isEqualTo(201);
    return new SimulatedShop(domain, token, created.body().get("apiBaseUrl").asText());
  }

  private static Response install(SimulatedShop shop, String accessToken, String operatorToken) {
    return stack.call(
        "POST",
        "/api/v1/shops",
        Map.of(
            "domain", shop.domain(),
            "platform", "SHOPIFY",
            "accessToken", accessToken,
            "webhookSecret", shop.secret(),
            "apiBaseUrl", shop.apiBaseUrl()),
        operatorToken);
  }

  private static String installed(SimulatedShop shop) {
    Response answer = install(shop, shop.accessToken(), OPERATOR);
    assertThat(answer.status()).as(String.valueOf(answer.body())).isEqualTo(201);
    return answer.body().get("adminToken").asText();
  }

  private static Map<String, String> statusByTopic(JsonNode subscriptions) {
    Map<String, String> statuses = new HashMap<>();
    for (JsonNode subscription : subscriptions) {
      assertThat(subscription.get("address").asText()).isEqualTo(callbackAddress);
      statuses.put(subscription.get("topic").asText(), subscription.get("status").asText());
    }
    return statuses;
  }

  private static List<String> sandboxTopics(SimulatedShop shop) {
    JsonNode subscriptions =
        stack
            .call("GET", "/sandbox/shops/" + shop.domain() + "/webhook-subscriptions", null, null)
            .body();
    List<String> topics = new ArrayList<>();
    for (JsonNode subscription : subscriptions) {
      assertThat(subscription.get("uri").asText()).isEqualTo(callbackAddress);
      topics.add(subscription.get("topic").asText());
    }
    return topics;
  }

  private static Response adminGet(SimulatedShop shop, String path, String adminToken) {
    return stack.call("GET", "/api/v1/shops/" + shop.domain() + path, null, adminToken);
  }

  @Test
  void theOperatorInstallsANewShopWithItsSubscriptionsAndAnAdminTokenShownOnce() {
    SimulatedShop shop = simulatedShop();

    Response answer = install(shop, shop.accessToken(), OPERATOR);

    assertThat(answer.status()).isEqualTo(201);
    assertThat(answer.body().get("domain").asText()).isEqualTo(shop.domain());
    String adminToken = answer.body().get("adminToken").asText();
    assertThat(adminToken).matches("psa_[A-Za-z0-9_-]{43}");
    Map<String, String> statuses = statusByTopic(answer.body().get("webhookSubscriptions"));
    assertThat(statuses)
        .containsOnlyKeys(TOPICS)
        .allSatisfy((topic, s) -> assertThat(s).isEqualTo("ACTIVE"));
    assertThat(sandboxTopics(shop)).containsExactlyInAnyOrderElementsOf(TOPICS);

    Response adjusted =
        stack.call(
            "POST",
            "/api/v1/shops/" + shop.domain() + "/customers/c1/adjustments",
            Map.of("points", 25, "note", "welcome"),
            adminToken);
    Response customer = adminGet(shop, "/customers/c1", adminToken);
    assertThat(adjusted.status()).isEqualTo(201);
    assertThat(customer.status()).isEqualTo(200);
    assertThat(customer.body().get("pointsBalance").asLong()).isEqualTo(25);
    // The token is stored hashed only.
    JdbcClient jdbc = stack.context.getBean(JdbcClient.class);
    assertThat(
            jdbc.sql("select count(*) from admin_token where encode(token_sha256, 'escape') = ?")
                .param(adminToken)
                .query(Long.class)
                .single())
        .isZero();
    // Another shop's admin token is not the operator's.
    Response demoAdmin = install(simulatedShop(), "x", EmbeddedStack.TOKEN);
    assertThat(demoAdmin.status()).isEqualTo(401);
  }

  @Test
  void installingAnActiveShopAgainIs409AndRegistersNothingNew() {
    SimulatedShop shop = simulatedShop();
    installed(shop);

    Response again = install(shop, shop.accessToken(), OPERATOR);

    assertThat(again.status()).isEqualTo(409);
    assertThat(again.body().get("error").asText()).isEqualTo("shop_exists");
    assertThat(sandboxTopics(shop)).hasSize(TOPICS.size());
  }

  @Test
  void credentialsThePlatformRejectsAre422AndNothingIsStored() {
    SimulatedShop shop = simulatedShop();

    Response rejected = install(shop, "shpat_wrong", OPERATOR);

    assertThat(rejected.status()).isEqualTo(422);
    assertThat(rejected.body().get("error").asText()).isEqualTo("platform_credentials_rejected");
    assertThat(rejected.body().get("message").asText())
        .contains(shop.domain())
        .doesNotContain("shpat_wrong", shop.accessToken());
    assertThat(stack.context.getBean(Shops.class).findByDomain(shop.domain())).isEmpty();
    assertThat(sandboxTopics(shop)).isEmpty();
    assertThat(install(shop, shop.accessToken(), OPERATOR).status()).isEqualTo(201);
  }

  @Test
  void installAndUninstallNeedTheOperatorToken() {
    SimulatedShop shop = simulatedShop();

    Response none = install(shop, shop.accessToken(), null);
    Response wrong = install(shop, shop.accessToken(), "not-the-operator");
    Response deleteAsAdmin =
        stack.call("DELETE", "/api/v1/shops/" + EmbeddedStack.SHOP, null, EmbeddedStack.TOKEN);

    for (Response denied : List.of(none, wrong, deleteAsAdmin)) {
      assertThat(denied.status()).isEqualTo(401);
      assertThat(denied.body().get("error").asText()).isEqualTo("unauthorized");
    }
    assertThat(stack.context.getBean(Shops.class).findByDomain(shop.domain())).isEmpty();
    assertThat(stack.context.getBean(Shops.class).findByDomain(EmbeddedStack.SHOP).get().active())
        .isTrue();
  }

  @Test
  void anInvalidInstallRequestIs400NamingTheField() {
    SimulatedShop shop = simulatedShop();
    Map<String, Object> valid =
        Map.of(
            "domain", shop.domain(),
            "platform", "SHOPIFY",
            "accessToken", shop.accessToken(),
            "webhookSecret", shop.secret(),
            "apiBaseUrl", shop.apiBaseUrl());
    Map<String, Object[]> invalid =
        Map.of(
            "platform", new Object[] {"platform", "WOOCOMMERCE"},
            "apiBaseUrl", new Object[] {"apiBaseUrl", "ftp://example.com"},
            "currency", new Object[] {"currency", "ABC"},
            "webhookSecret", new Object[] {"webhookSecret", " "},
            "domain", new Object[] {"domain", "no spaces allowed"});

    invalid.forEach(
        (field, change) -> {
          Map<String, Object> body = new HashMap<>(valid);
          body.put((String) change[0], change[1]);
          Response answer = stack.call("POST", "/api/v1/shops", body, OPERATOR);
          assertThat(answer.status()).as(field).isEqualTo(400);
          assertThat(answer.body().get("message").asText()).as(field).contains(field);
        });
    assertThat(stack.context.getBean(Shops.class).findByDomain(shop.domain())).isEmpty();
  }

  @Test
  void theAdminSeesAMissingSubscriptionAndRepairsIt() {
    SimulatedShop shop = simulatedShop();
    String adminToken = installed(shop);
    Response dropped =
        stack.call(
            "DELETE",
            "/sandbox/shops/" + shop.domain() + "/webhook-subscriptions/REFUNDS_CREATE",
            null,
            null);
    assertThat(dropped.status()).isEqualTo(204);

    Response listed = adminGet(shop, "/webhook-subscriptions", adminToken);
    Response repaired =
        stack.call(
            "POST",
            "/api/v1/shops/" + shop.domain() + "/webhook-subscriptions/repair",
            null,
            adminToken);
    Response listedAgain = adminGet(shop, "/webhook-subscriptions", adminToken);

    assertThat(listed.status()).isEqualTo(200);
    Map<String, String> before = statusByTopic(listed.body().get("webhookSubscriptions"));
    assertThat(before)
        .containsEntry("REFUNDS_CREATE", "MISSING")
        .containsEntry("ORDERS_PAID", "ACTIVE");
    assertThat(before.values()).filteredOn("ACTIVE"::equals).hasSize(TOPICS.size() - 1);
    assertThat(repaired.status()).isEqualTo(200);
    assertThat(statusByTopic(repaired.body().get("webhookSubscriptions")).values())
        .containsOnly("ACTIVE");
    assertThat(statusByTopic(listedAgain.body().get("webhookSubscriptions")).values())
        .hasSize(TOPICS.size())
        .containsOnly("ACTIVE");
    assertThat(sandboxTopics(shop)).containsExactlyInAnyOrderElementsOf(TOPICS);
    assertThat(adminGet(shop, "/webhook-subscriptions", EmbeddedStack.TOKEN).status())
        .isEqualTo(404);
  }

  @Test
  void theOperatorUninstallsAShopKeepingItsLedger() throws Exception {
    SimulatedShop shop = simulatedShop();
    String adminToken = installed(shop);
    stack.call(
        "POST",
        "/api/v1/shops/" + shop.domain() + "/customers/c7/adjustments",
        Map.of("points", 40, "note", "before uninstall"),
        adminToken);

    Response uninstalled = stack.call("DELETE", "/api/v1/shops/" + shop.domain(), null, OPERATOR);

    assertThat(uninstalled.status()).isEqualTo(200);
    assertThat(uninstalled.body().get("status").asText()).isEqualTo("UNINSTALLED");
    assertUninstalled(shop, adminToken, 1);

    Response again = stack.call("DELETE", "/api/v1/shops/" + shop.domain(), null, OPERATOR);
    Response unknown =
        stack.call("DELETE", "/api/v1/shops/nobody-here.myshopify.com", null, OPERATOR);
    assertThat(again.status()).isEqualTo(200);
    assertThat(unknown.status()).isEqualTo(404);

    // Installing it again gives a new token; the old one stays revoked; the ledger is still there.
    String newToken = installed(shop);
    assertThat(adminGet(shop, "/customers/c7", newToken).body().get("pointsBalance").asLong())
        .isEqualTo(40);
    assertThat(adminGet(shop, "/customers/c7", adminToken).status()).isEqualTo(401);
  }

  @Test
  void shopifysAppUninstalledWebhookUninstallsTheShop() throws Exception {
    SimulatedShop shop = simulatedShop();
    String adminToken = installed(shop);
    stack.call(
        "POST",
        "/api/v1/shops/" + shop.domain() + "/customers/c9/adjustments",
        Map.of("points", 15, "note", "before uninstall"),
        adminToken);
    Map<String, Object> appPayload = Map.of("id", 1, "domain", shop.domain());

    Response forged = webhook(shop, "app/uninstalled", appPayload, "not-the-secret");
    assertThat(forged.status()).isEqualTo(401);
    assertThat(adminGet(shop, "/customers/c9", adminToken).status()).isEqualTo(200);

    Response answer = webhook(shop, "app/uninstalled", appPayload, shop.secret());

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body().get("status").asText()).isEqualTo("uninstalled");
    assertUninstalled(shop, adminToken, 1);
  }

  private static void assertUninstalled(SimulatedShop shop, String adminToken, long entries)
      throws Exception {
    Shop stored = stack.context.getBean(Shops.class).findByDomain(shop.domain()).orElseThrow();
    assertThat(stored.status()).isEqualTo(ShopStatus.UNINSTALLED);
    Response denied = adminGet(shop, "/activity", adminToken);
    assertThat(denied.status()).isEqualTo(401);
    assertThat(denied.body().get("error").asText()).isEqualTo("unauthorized");

    Response paid =
        webhook(
            shop,
            "orders/paid",
            ShopifyWebhooks.order(
                "9100", "77", List.of(ShopifyWebhooks.line(1, "20.00", null)), List.of()),
            shop.secret());
    assertThat(paid.status()).isEqualTo(200);
    assertThat(paid.body().get("status").asText()).isEqualTo("ignored");
    assertThat(paid.body().get("message").asText()).contains("uninstalled");

    JdbcClient jdbc = stack.context.getBean(JdbcClient.class);
    assertThat(
            jdbc.sql("select count(*) from ledger_entry where shop_id = ?")
                .param(stored.id())
                .query(Long.class)
                .single())
        .isEqualTo(entries);
    assertThat(
            jdbc.sql("select count(*) from webhook_inbox where shop_id = ?")
                .param(stored.id())
                .query(Long.class)
                .single())
        .isZero();
  }

  private static Response webhook(SimulatedShop shop, String topic, Object payload, String secret)
      throws Exception {
    byte[] body = stack.json.writeValueAsBytes(payload);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(stack.baseUrl + "/webhooks/shopify"))
            .header("Content-Type", "application/json")
            .header("X-Shopify-Topic", topic)
            .header("X-Shopify-Hmac-Sha256", Base64.getEncoder().encodeToString(mac.doFinal(body)))
            .header("X-Shopify-Shop-Domain", shop.domain())
            .header("X-Shopify-Event-Id", UUID.randomUUID().toString())
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    HttpResponse<String> response = stack.http.send(request, HttpResponse.BodyHandlers.ofString());
    return new Response(response.statusCode(), stack.json.readTree(response.body()));
  }
}
