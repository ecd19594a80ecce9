package io.pointsaga.platform;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.pointsaga.platform.PlatformTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.pointsaga.platform.WebhookSubscription.Status;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Installing a BigCommerce store against WireMock standing in for its API. */
class BigCommerceStoreClientTest {

  @RegisterExtension
  static final WireMockExtension platform =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final PlatformShops shops =
      new PlatformShops(new PlatformHttpSettings(Duration.ofSeconds(1), Duration.ofSeconds(2)));

  private static final String STORE = "/stores/abc123";
  private static final String HOOKS = STORE + "/v3/hooks";
  private static final String ADDRESS = "https://points.example.com/webhooks/bigcommerce";
  private static final WebhookEndpoint ENDPOINT = new WebhookEndpoint(ADDRESS, "bc-secret");

  private PlatformAccount account() {
    return new PlatformAccount(
        "store-abc123.mybigcommerce.com",
        PlatformKind.BIGCOMMERCE,
        platform.baseUrl() + STORE,
        "bc-token");
  }

  @Test
  void checksTheTokenWithTheStoreInformation() {
    platform.stubFor(
        get(urlEqualTo(STORE + "/v2/store"))
            .willReturn(okJson("{\"id\":\"abc123\",\"name\":\"BC Store\",\"currency\":\"USD\"}")));

    assertThat(shops.checkCredentials(account())).isEqualTo(new ShopProfile("BC Store", "USD"));
    LoggedRequest request =
        platform.findAll(getRequestedFor(urlEqualTo(STORE + "/v2/store"))).get(0);
    assertThat(request.getHeader("X-Auth-Token")).isEqualTo("bc-token");
  }

  @Test
  void aRejectedTokenIsCredentialsRejected() {
    platform.stubFor(
        get(urlEqualTo(STORE + "/v2/store"))
            .willReturn(aResponse().withStatus(401).withBody("{\"status\":401}")));

    assertThatThrownBy(() -> shops.checkCredentials(account()))
        .isInstanceOfSatisfying(
            ShopConnectionException.class,
            e ->
                assertThat(e.problem())
                    .isEqualTo(ShopConnectionException.Problem.CREDENTIALS_REJECTED));
  }

  @Test
  void subscribeCreatesMissingHooksReactivatesInactiveOnesAndKeepsActiveOnes() {
    platform.stubFor(
        get(urlPathEqualTo(HOOKS))
            .willReturn(
                okJson(
                    """
                    {"data":[
                      {"id":11,"scope":"store/order/statusUpdated",
                       "destination":"https://points.example.com/webhooks/bigcommerce","is_active":true},
                      {"id":12,"scope":"store/order/refund/created",
                       "destination":"https://points.example.com/webhooks/bigcommerce","is_active":false},
                      {"id":13,"scope":"store/app/uninstalled",
                       "destination":"https://elsewhere.example.com/","is_active":true}],
                     "meta":{}}
                    """)));
    platform.stubFor(post(urlEqualTo(HOOKS)).willReturn(okJson("{\"data\":{\"id\":14}}")));
    platform.stubFor(put(urlEqualTo(HOOKS + "/12")).willReturn(okJson("{\"data\":{\"id\":12}}")));

    List<WebhookSubscription> before = shops.subscriptions(account(), ENDPOINT);
    List<WebhookSubscription> after = shops.subscribe(account(), ENDPOINT);

    assertThat(before)
        .extracting(WebhookSubscription::status)
        .containsExactly(Status.ACTIVE, Status.MISSING, Status.MISSING);
    assertThat(after).allMatch(s -> s.status() == Status.ACTIVE);
    List<LoggedRequest> creates = platform.findAll(postRequestedFor(urlEqualTo(HOOKS)));
    assertThat(creates).hasSize(1);
    JsonNode hook = json(creates.get(0).getBodyAsString());
    assertThat(hook.path("scope").asText()).isEqualTo("store/app/uninstalled");
    assertThat(hook.path("destination").asText()).isEqualTo(ADDRESS);
    assertThat(hook.path("is_active").booleanValue()).isTrue();
    assertThat(hook.at("/headers/X-PointSaga-Shop").asText())
        .isEqualTo("store-abc123.mybigcommerce.com");
    assertThat(hook.at("/headers/X-PointSaga-Webhook-Secret").asText()).isEqualTo("bc-secret");
    List<LoggedRequest> reactivations =
        platform.findAll(putRequestedFor(urlEqualTo(HOOKS + "/12")));
    assertThat(reactivations).hasSize(1);
    assertThat(json(reactivations.get(0).getBodyAsString()).path("is_active").booleanValue())
        .isTrue();
  }

  @Test
  void aServerErrorWhileCreatingIsUnavailable() {
    platform.stubFor(get(urlPathEqualTo(HOOKS)).willReturn(okJson("{\"data\":[],\"meta\":{}}")));
    platform.stubFor(post(urlEqualTo(HOOKS)).willReturn(aResponse().withStatus(503)));

    assertThatThrownBy(() -> shops.subscribe(account(), ENDPOINT))
        .isInstanceOfSatisfying(
            ShopConnectionException.class,
            e -> assertThat(e.problem()).isEqualTo(ShopConnectionException.Problem.UNAVAILABLE));
  }
}
