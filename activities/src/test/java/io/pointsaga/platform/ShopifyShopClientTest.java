package io.pointsaga.platform;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.pointsaga.platform.PlatformTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.pointsaga.platform.WebhookSubscription.Status;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Installing a Shopify shop against WireMock standing in for the Admin GraphQL API. */
class ShopifyShopClientTest {

  @RegisterExtension
  static final WireMockExtension platform =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final PlatformShops shops =
      new PlatformShops(new PlatformHttpSettings(Duration.ofSeconds(1), Duration.ofSeconds(2)));

  private static final String GRAPHQL = "/sandbox/shops/new/admin/api/2025-10/graphql.json";
  private static final String ADDRESS = "https://points.example.com/webhooks/shopify";
  private static final WebhookEndpoint ENDPOINT = new WebhookEndpoint(ADDRESS, "whsec");

  private PlatformAccount account() {
    return new PlatformAccount(
        "new.myshopify.com",
        PlatformKind.SHOPIFY,
        platform.baseUrl() + "/sandbox/shops/new",
        "shpat_new");
  }

  @Test
  void checksTheTokenWithTheShopQuery() {
    platform.stubFor(
        post(urlEqualTo(GRAPHQL))
            .withRequestBody(containing("shop { name currencyCode }"))
            .willReturn(
                okJson("{\"data\":{\"shop\":{\"name\":\"New\",\"currencyCode\":\"EUR\"}}}")));

    ShopProfile profile = shops.checkCredentials(account());

    assertThat(profile).isEqualTo(new ShopProfile("New", "EUR"));
    LoggedRequest request = platform.findAll(postRequestedFor(urlEqualTo(GRAPHQL))).get(0);
    assertThat(request.getHeader("X-Shopify-Access-Token")).isEqualTo("shpat_new");
  }

  @ParameterizedTest
  @ValueSource(ints = {401, 403})
  void aRejectedTokenIsCredentialsRejected(int status) {
    platform.stubFor(
        post(urlEqualTo(GRAPHQL))
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withBody("{\"errors\":\"[API] Invalid API key or access token\"}")));

    assertThatThrownBy(() -> shops.checkCredentials(account()))
        .isInstanceOfSatisfying(
            ShopConnectionException.class,
            e -> {
              assertThat(e.problem())
                  .isEqualTo(ShopConnectionException.Problem.CREDENTIALS_REJECTED);
              assertThat(e.getMessage()).contains("new.myshopify.com").doesNotContain("shpat_new");
            });
  }

  @Test
  void anUnreachablePlatformIsUnavailable() {
    platform.stubFor(
        post(urlEqualTo(GRAPHQL))
            .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    assertThatThrownBy(() -> shops.checkCredentials(account()))
        .isInstanceOfSatisfying(
            ShopConnectionException.class,
            e -> assertThat(e.problem()).isEqualTo(ShopConnectionException.Problem.UNAVAILABLE));
  }

  @Test
  void subscribeCreatesOnlyTheMissingTopicsAndKeepsTheOthers() {
    // ORDERS_PAID exists for our address, REFUNDS_CREATE only for another app's address.
    platform.stubFor(
        post(urlEqualTo(GRAPHQL))
            .withRequestBody(containing("webhookSubscriptions(first: $first, after: $after)"))
            .willReturn(
                okJson(
                    """
                    {"data":{"webhookSubscriptions":{"edges":[
                      {"node":{"id":"gid://shopify/WebhookSubscription/1","topic":"ORDERS_PAID",
                               "uri":"https://points.example.com/webhooks/shopify"}},
                      {"node":{"id":"gid://shopify/WebhookSubscription/2","topic":"REFUNDS_CREATE",
                               "uri":"https://elsewhere.example.com/hooks"}}]}}}
                    """)));
    platform.stubFor(
        post(urlEqualTo(GRAPHQL))
            .withRequestBody(containing("webhookSubscriptionCreate("))
            .willReturn(
                okJson(
                    """
                    {"data":{"webhookSubscriptionCreate":{"webhookSubscription":
                      {"id":"gid://shopify/WebhookSubscription/9","topic":"X","uri":"u"},
                      "userErrors":[]}}}
                    """)));

    List<WebhookSubscription> before = shops.subscriptions(account(), ENDPOINT);
    List<WebhookSubscription> after = shops.subscribe(account(), ENDPOINT);

    assertThat(before)
        .extracting(WebhookSubscription::topic, WebhookSubscription::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("ORDERS_PAID", Status.ACTIVE),
            org.assertj.core.groups.Tuple.tuple("REFUNDS_CREATE", Status.MISSING),
            org.assertj.core.groups.Tuple.tuple("ORDERS_UPDATED", Status.MISSING),
            org.assertj.core.groups.Tuple.tuple("ORDERS_CANCELLED", Status.MISSING),
            org.assertj.core.groups.Tuple.tuple("ORDERS_EDITED", Status.MISSING),
            org.assertj.core.groups.Tuple.tuple("APP_UNINSTALLED", Status.MISSING));
    assertThat(after).allMatch(s -> s.status() == Status.ACTIVE && s.address().equals(ADDRESS));
    List<JsonNode> creates =
        platform
            .findAll(
                postRequestedFor(urlEqualTo(GRAPHQL))
                    .withRequestBody(containing("webhookSubscriptionCreate(")))
            .stream()
            .map(r -> json(r.getBodyAsString()).path("variables"))
            .toList();
    assertThat(creates)
        .extracting(v -> v.path("topic").asText())
        .containsExactly(
            "REFUNDS_CREATE",
            "ORDERS_UPDATED",
            "ORDERS_CANCELLED",
            "ORDERS_EDITED",
            "APP_UNINSTALLED");
    assertThat(creates)
        .allSatisfy(
            v -> {
              assertThat(v.at("/webhookSubscription/uri").asText()).isEqualTo(ADDRESS);
              assertThat(v.at("/webhookSubscription/format").asText()).isEqualTo("JSON");
            });
  }

  @Test
  void aCreateRefusedWithUserErrorsIsRefused() {
    platform.stubFor(
        post(urlEqualTo(GRAPHQL))
            .withRequestBody(containing("webhookSubscriptions(first: $first, after: $after)"))
            .willReturn(okJson("{\"data\":{\"webhookSubscriptions\":{\"edges\":[]}}}")));
    platform.stubFor(
        post(urlEqualTo(GRAPHQL))
            .withRequestBody(containing("webhookSubscriptionCreate("))
            .willReturn(
                okJson(
                    """
                    {"data":{"webhookSubscriptionCreate":{"webhookSubscription":null,
                      "userErrors":[{"field":["webhookSubscription","uri"],
                                     "message":"Address is invalid"}]}}}
                    """)));

    assertThatThrownBy(() -> shops.subscribe(account(), ENDPOINT))
        .isInstanceOfSatisfying(
            ShopConnectionException.class,
            e -> {
              assertThat(e.problem()).isEqualTo(ShopConnectionException.Problem.REFUSED);
              assertThat(e.getMessage()).contains("Address is invalid", "ORDERS_PAID");
            });
  }

  @Test
  void anUninstalledShopIsNotCalled() {
    PlatformAccount uninstalled =
        new PlatformAccount(
            "new.myshopify.com", PlatformKind.SHOPIFY, platform.baseUrl(), "shpat_new", false);

    assertThatThrownBy(() -> shops.subscribe(uninstalled, ENDPOINT))
        .isInstanceOfSatisfying(
            ShopConnectionException.class,
            e -> assertThat(e.getMessage()).contains("uninstalled PointSaga"));
    assertThat(platform.getAllServeEvents()).isEmpty();
  }
}
