package io.pointsaga.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pointsaga.local.EmbeddedStack.Response;
import io.pointsaga.shop.Shop;
import io.pointsaga.shop.Shops;
import io.pointsaga.starter.install.ShopifyQueryHmac;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The Shopify OAuth install on the embedded stack (SPEC §9): PointSaga's install redirect, the
 * simulated Shopify's authorize page and token endpoint, and the callback that installs the shop.
 */
class ShopifyOAuthEndToEndTest {
  private static final String API_KEY = "demo-shopify-api-key";
  private static final String API_SECRET = "demo-shopify-api-secret";

  private static EmbeddedStack stack;
  private static String publicUrl;

  @BeforeAll
  static void start() {
    stack = EmbeddedStack.get();
    publicUrl =
        "http://localhost:" + stack.context.getEnvironment().getProperty("local.server.port");
  }

  private record Raw(int status, String location, JsonNode body) {}

  private static Raw get(String url) {
    try {
      HttpResponse<String> response =
          stack.http.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      JsonNode body = response.body().isBlank() ? null : stack.json.readTree(response.body());
      return new Raw(
          response.statusCode(), response.headers().firstValue("Location").orElse(null), body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String newSimulatedShop() {
    String domain = "oauth-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com";
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
                "shpat_" + UUID.randomUUID()),
            null);
    assertThat(created.status()).isEqualTo(201);
    return domain;
  }

  private static Map<String, String> query(String url) {
    Map<String, String> query = new LinkedHashMap<>();
    UriComponentsBuilder.fromUriString(url)
        .build(true)
        .getQueryParams()
        .forEach(
            (name, values) ->
                query.put(
                    name,
                    java.net.URLDecoder.decode(
                        values.get(0), java.nio.charset.StandardCharsets.UTF_8)));
    return query;
  }

  /** Install redirect, then the simulated merchant's approval: the callback URL Shopify sends. */
  private static String callbackUrlFor(String domain) {
    Raw install = get(stack.baseUrl + "/shopify/install?shop=" + domain);
    assertThat(install.status()).isEqualTo(302);
    Raw authorize = get(install.location());
    assertThat(authorize.status()).as(String.valueOf(authorize.body())).isEqualTo(302);
    return authorize.location();
  }

  private static Shops shops() {
    return stack.context.getBean(Shops.class);
  }

  @Test
  void theInstallRedirectsToTheShopsAuthorizePageWithAStateNonce() {
    String domain = newSimulatedShop();

    Raw install = get(stack.baseUrl + "/shopify/install?shop=" + domain);

    assertThat(install.status()).isEqualTo(302);
    assertThat(install.location())
        .startsWith(publicUrl + "/sandbox/shops/" + domain + "/admin/oauth/authorize?");
    Map<String, String> query = query(install.location());
    assertThat(query.get("client_id")).isEqualTo(API_KEY);
    assertThat(query.get("redirect_uri")).isEqualTo(publicUrl + "/shopify/callback");
    assertThat(query.get("scope")).contains("read_orders");
    assertThat(query.get("state")).matches("[A-Za-z0-9_-]{32}");
    assertThat(
            query(get(stack.baseUrl + "/shopify/install?shop=" + domain).location()).get("state"))
        .isNotEqualTo(query.get("state"));
  }

  @Test
  void theFullRoundTripInstallsTheShopWithItsSubscriptionsAndAWorkingAdminToken() {
    String domain = newSimulatedShop();
    String callback = callbackUrlFor(domain);
    assertThat(callback).startsWith(publicUrl + "/shopify/callback?");
    Map<String, String> query = query(callback);
    assertThat(query).containsKeys("code", "shop", "state", "timestamp", "hmac");
    assertThat(ShopifyQueryHmac.verify(query, API_SECRET)).isTrue();

    Raw installed = get(callback);

    assertThat(installed.status()).as(String.valueOf(installed.body())).isEqualTo(201);
    assertThat(installed.body().get("domain").asText()).isEqualTo(domain);
    String adminToken = installed.body().get("adminToken").asText();
    assertThat(adminToken).matches("psa_[A-Za-z0-9_-]{43}");
    JsonNode subscriptions = installed.body().get("webhookSubscriptions");
    assertThat(subscriptions)
        .hasSize(6); // orders paid, updated, cancelled, edited; refunds; uninstall
    subscriptions.forEach(s -> assertThat(s.get("status").asText()).isEqualTo("ACTIVE"));
    Shop shop = shops().findByDomain(domain).orElseThrow();
    assertThat(shop.active()).isTrue();
    // Shopify signs an app's webhooks with the app's API secret.
    assertThat(shop.webhookSecret()).isEqualTo(API_SECRET);
    assertThat(shop.apiBaseUrl()).isEqualTo(publicUrl + "/sandbox/shops/" + domain);
    Response checked =
        stack.call("GET", "/api/v1/shops/" + domain + "/webhook-subscriptions", null, adminToken);
    assertThat(checked.status()).isEqualTo(200);
    checked
        .body()
        .get("webhookSubscriptions")
        .forEach(s -> assertThat(s.get("status").asText()).isEqualTo("ACTIVE"));
    Response sandboxSubscriptions =
        stack.call("GET", "/sandbox/shops/" + domain + "/webhook-subscriptions", null, null);
    assertThat(sandboxSubscriptions.body()).hasSize(6);
  }

  @Test
  void aReusedStateIsRefused() {
    String domain = newSimulatedShop();
    String callback = callbackUrlFor(domain);
    assertThat(get(callback).status()).isEqualTo(201);

    Raw again = get(callback);

    assertThat(again.status()).isEqualTo(401);
    assertThat(again.body().get("error").asText()).isEqualTo("oauth_rejected");
  }

  @Test
  void aBadHmacIsRefusedAndNothingIsInstalledWhileTheGenuineCallbackStillWorks() {
    String domain = newSimulatedShop();
    String callback = callbackUrlFor(domain);
    Map<String, String> query = query(callback);
    String hmac = query.get("hmac");
    String forged = callback.replace(hmac, (hmac.charAt(0) == 'a' ? "b" : "a") + hmac.substring(1));

    Raw refused = get(forged);

    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.body().get("error").asText()).isEqualTo("oauth_rejected");
    assertThat(shops().findByDomain(domain)).isEmpty();
    assertThat(
            stack
                .call("GET", "/sandbox/shops/" + domain + "/webhook-subscriptions", null, null)
                .body())
        .isEmpty();
    assertThat(get(callback).status()).isEqualTo(201);
  }

  @Test
  void aSignedCallbackWithAStateNeverIssuedOrForAnotherShopIsRefused() {
    String domain = newSimulatedShop();
    String other = newSimulatedShop();
    Map<String, String> issuedForOther = query(callbackUrlFor(other));
    for (String state : new String[] {"never-issued", issuedForOther.get("state")}) {
      Map<String, String> query = new LinkedHashMap<>();
      query.put("code", "c0de");
      query.put("shop", domain);
      query.put("state", state);
      query.put("timestamp", "1764480000");
      query.put("hmac", ShopifyQueryHmac.sign(query, API_SECRET));
      StringBuilder url = new StringBuilder(stack.baseUrl + "/shopify/callback?");
      query.forEach((k, v) -> url.append(k).append('=').append(v).append('&'));

      Raw refused = get(url.toString());

      assertThat(refused.status()).as(state).isEqualTo(401);
    }
    assertThat(shops().findByDomain(domain)).isEmpty();
  }

  @Test
  void aDomainThatIsNotAShopifyShopIsABadRequest() {
    assertThat(get(stack.baseUrl + "/shopify/install?shop=evil.example.com").status())
        .isEqualTo(400);
    assertThat(get(stack.baseUrl + "/shopify/install").status()).isEqualTo(400);
  }
}
