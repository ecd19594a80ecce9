package io.pointsaga.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pointsaga.local.EmbeddedStack.Response;
import io.pointsaga.shop.Shop;
import io.pointsaga.shop.ShopStatus;
import io.pointsaga.shop.Shops;
import io.pointsaga.starter.install.SignedPayloadJwt;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The BigCommerce single-click app's callbacks on the embedded stack (SPEC §9), against a stub of
 * BigCommerce's token endpoint and store API ({@link BigCommerceAppStub}).
 */
class BigCommerceAppEndToEndTest {
  private static EmbeddedStack stack;
  private static String publicUrl;

  @BeforeAll
  static void start() {
    stack = EmbeddedStack.get();
    publicUrl =
        "http://localhost:" + stack.context.getEnvironment().getProperty("local.server.port");
  }

  private static String newHash() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  }

  private static Response auth(String code, String hash) {
    return stack.call(
        "GET",
        "/bigcommerce/auth?code="
            + code
            + "&scope=store_v2_orders_read_only%20store_v2_information_read_only&context=stores%2F"
            + hash,
        null,
        null);
  }

  private static String jwt(String hash, long expiresInSeconds, String secret) {
    long now = Instant.now().getEpochSecond();
    return SignedPayloadJwt.sign(
        "{\"aud\":\""
            + BigCommerceAppStub.CLIENT_ID
            + "\",\"iss\":\"bc\",\"iat\":"
            + now
            + ",\"nbf\":"
            + (now - 5)
            + ",\"exp\":"
            + (now + expiresInSeconds)
            + ",\"jti\":\""
            + UUID.randomUUID()
            + "\",\"sub\":\"stores/"
            + hash
            + "\",\"user\":{\"id\":1,\"email\":\"owner@example.com\"},\"owner\":{\"id\":1}}",
        secret);
  }

  private static Shops shops() {
    return stack.context.getBean(Shops.class);
  }

  @Test
  void authExchangesTheCodeAndInstallsTheStoreWithItsHooks() {
    String hash = newHash();

    Response installed = auth("good-" + hash, hash);

    assertThat(installed.status()).as(String.valueOf(installed.body())).isEqualTo(201);
    String domain = "store-" + hash + ".mybigcommerce.com";
    assertThat(installed.body().get("domain").asText()).isEqualTo(domain);
    assertThat(installed.body().get("adminToken").asText()).matches("psa_[A-Za-z0-9_-]{43}");
    assertThat(installed.body().get("webhookSubscriptions")).hasSize(3);
    JsonNode tokenRequest =
        stack.bigCommerce.tokenRequests.stream()
            .filter(r -> r.path("code").asText().equals("good-" + hash))
            .findFirst()
            .orElseThrow();
    assertThat(tokenRequest.path("grant_type").asText()).isEqualTo("authorization_code");
    assertThat(tokenRequest.path("context").asText()).isEqualTo("stores/" + hash);
    assertThat(tokenRequest.path("redirect_uri").asText())
        .isEqualTo(publicUrl + "/bigcommerce/auth");
    assertThat(tokenRequest.path("scope").asText())
        .isEqualTo("store_v2_orders_read_only store_v2_information_read_only");
    Shop shop = shops().findByDomain(domain).orElseThrow();
    assertThat(shop.status()).isEqualTo(ShopStatus.ACTIVE);
    assertThat(shop.apiBaseUrl()).isEqualTo(stack.bigCommerce.baseUrl() + "/stores/" + hash);
    assertThat(shop.apiAccessToken()).isEqualTo("bc-token-" + hash);
    assertThat(shop.webhookSecret()).hasSize(43);
    assertThat(stack.bigCommerce.hooksByStore.get(hash))
        .hasSize(3)
        .allSatisfy(
            hook -> {
              assertThat(hook.path("destination").asText())
                  .isEqualTo(publicUrl + "/webhooks/bigcommerce");
              assertThat(hook.path("headers").path("X-PointSaga-Webhook-Secret").asText())
                  .isEqualTo(shop.webhookSecret());
            });
    Response subscriptions =
        stack.call(
            "GET",
            "/api/v1/shops/" + domain + "/webhook-subscriptions",
            null,
            installed.body().get("adminToken").asText());
    assertThat(subscriptions.status()).isEqualTo(200);
  }

  @Test
  void aCodeTheTokenEndpointRefusesInstallsNothing() {
    String hash = newHash();

    Response refused = auth("bad-" + hash, hash);

    assertThat(refused.status()).isEqualTo(502);
    assertThat(shops().findByDomain("store-" + hash + ".mybigcommerce.com")).isEmpty();
  }

  @Test
  void loadAnswersTheStoresStatusWithAGoodJwtAndRefusesABadOne() {
    String hash = newHash();
    assertThat(auth("good-" + hash, hash).status()).isEqualTo(201);

    Response loaded =
        stack.call(
            "GET",
            "/bigcommerce/load?signed_payload_jwt="
                + jwt(hash, 60, BigCommerceAppStub.CLIENT_SECRET),
            null,
            null);
    Response unknown =
        stack.call(
            "GET",
            "/bigcommerce/load?signed_payload_jwt="
                + jwt(newHash(), 60, BigCommerceAppStub.CLIENT_SECRET),
            null,
            null);
    Response forged =
        stack.call(
            "GET",
            "/bigcommerce/load?signed_payload_jwt=" + jwt(hash, 60, "not-the-secret"),
            null,
            null);
    Response expired =
        stack.call(
            "GET",
            "/bigcommerce/load?signed_payload_jwt="
                + jwt(hash, -3600, BigCommerceAppStub.CLIENT_SECRET),
            null,
            null);

    assertThat(loaded.status()).isEqualTo(200);
    assertThat(loaded.body().get("status").asText()).isEqualTo("INSTALLED");
    assertThat(loaded.body().has("adminToken")).isFalse();
    assertThat(unknown.body().get("status").asText()).isEqualTo("NOT_INSTALLED");
    assertThat(forged.status()).isEqualTo(401);
    assertThat(forged.body().get("error").asText()).isEqualTo("signed_payload_rejected");
    assertThat(expired.status()).isEqualTo(401);
  }

  @Test
  void uninstallWithAGoodJwtUninstallsTheStoreAndABadOneChangesNothing() {
    String hash = newHash();
    Response installed = auth("good-" + hash, hash);
    assertThat(installed.status()).isEqualTo(201);
    String domain = "store-" + hash + ".mybigcommerce.com";
    String adminToken = installed.body().get("adminToken").asText();

    Response forged =
        stack.call(
            "GET",
            "/bigcommerce/uninstall?signed_payload_jwt=" + jwt(hash, 60, "not-the-secret"),
            null,
            null);
    assertThat(forged.status()).isEqualTo(401);
    assertThat(shops().findByDomain(domain).orElseThrow().active()).isTrue();
    assertThat(
            stack.call("GET", "/api/v1/shops/" + domain + "/activity", null, adminToken).status())
        .isEqualTo(200);

    Response uninstalled =
        stack.call(
            "GET",
            "/bigcommerce/uninstall?signed_payload_jwt="
                + jwt(hash, 60, BigCommerceAppStub.CLIENT_SECRET),
            null,
            null);

    assertThat(uninstalled.status()).isEqualTo(200);
    assertThat(uninstalled.body().get("status").asText()).isEqualTo("UNINSTALLED");
    assertThat(shops().findByDomain(domain).orElseThrow().status())
        .isEqualTo(ShopStatus.UNINSTALLED);
    assertThat(
            stack.call("GET", "/api/v1/shops/" + domain + "/activity", null, adminToken).status())
        .isEqualTo(401);
    Response loaded =
        stack.call(
            "GET",
            "/bigcommerce/load?signed_payload_jwt="
                + jwt(hash, 60, BigCommerceAppStub.CLIENT_SECRET),
            null,
            null);
    assertThat(loaded.body().get("status").asText()).isEqualTo("UNINSTALLED");
  }
}
