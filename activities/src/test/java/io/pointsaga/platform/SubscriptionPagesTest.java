package io.pointsaga.platform;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
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

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.pointsaga.platform.WebhookSubscription.Status;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Listing, registering and repairing subscriptions follow every page of the platform's list
 * (Shopify's {@code webhookSubscriptions} connection, BigCommerce's {@code /v3/hooks}): a
 * subscription on the last page counts as present and is not created twice.
 */
class SubscriptionPagesTest {

  @RegisterExtension
  static final WireMockExtension platform =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final PlatformShops shops =
      new PlatformShops(new PlatformHttpSettings(Duration.ofSeconds(1), Duration.ofSeconds(2)));

  // ---------------------------------------------------------------- Shopify

  private static final String GRAPHQL = "/shopify/admin/api/2025-10/graphql.json";
  private static final String SHOPIFY_ADDRESS = "https://points.example.com/webhooks/shopify";
  private static final String LIST = "webhookSubscriptions(first: $first, after: $after)";

  private PlatformAccount shopify() {
    return new PlatformAccount(
        "paged.myshopify.com", PlatformKind.SHOPIFY, platform.baseUrl() + "/shopify", "shpat");
  }

  /** A page of the connection: our subscriptions for {@code topics}, plus other apps' noise. */
  private static String shopifyPage(List<String> topics, String endCursor) {
    String ours =
        topics.stream()
            .map(
                t ->
                    "{\"node\":{\"id\":\"gid://shopify/WebhookSubscription/%s\",\"topic\":\"%s\",\"uri\":\"%s\"}}"
                        .formatted(t, t, SHOPIFY_ADDRESS))
            .collect(Collectors.joining(","));
    String noise =
        IntStream.range(0, 3)
            .mapToObj(
                i ->
                    "{\"node\":{\"id\":\"gid://other/%d\",\"topic\":\"ORDERS_PAID\",\"uri\":\"https://other.example.com/%d\"}}"
                        .formatted(i, i))
            .collect(Collectors.joining(","));
    String edges = ours.isEmpty() ? noise : ours + "," + noise;
    String pageInfo =
        endCursor == null
            ? "{\"hasNextPage\":false,\"endCursor\":null}"
            : "{\"hasNextPage\":true,\"endCursor\":\"%s\"}".formatted(endCursor);
    return "{\"data\":{\"webhookSubscriptions\":{\"edges\":[%s],\"pageInfo\":%s}}}"
        .formatted(edges, pageInfo);
  }

  private void stubShopifyPages(List<String> last) {
    platform.stubFor(
        post(urlEqualTo(GRAPHQL))
            .withRequestBody(containing(LIST))
            .withRequestBody(notContaining("\"after\":"))
            .willReturn(okJson(shopifyPage(List.of("ORDERS_PAID"), "cursor-1"))));
    platform.stubFor(
        post(urlEqualTo(GRAPHQL))
            .withRequestBody(containing(LIST))
            .withRequestBody(matchingJsonPath("$.variables.after", equalTo("cursor-1")))
            .willReturn(
                okJson(shopifyPage(List.of("REFUNDS_CREATE", "ORDERS_UPDATED"), "cursor-2"))));
    platform.stubFor(
        post(urlEqualTo(GRAPHQL))
            .withRequestBody(containing(LIST))
            .withRequestBody(matchingJsonPath("$.variables.after", equalTo("cursor-2")))
            .willReturn(okJson(shopifyPage(last, null))));
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
  }

  private List<String> shopifyCreates() {
    return platform
        .findAll(
            postRequestedFor(urlEqualTo(GRAPHQL))
                .withRequestBody(containing("webhookSubscriptionCreate(")))
        .stream()
        .map(r -> json(r.getBodyAsString()).at("/variables/topic").asText())
        .toList();
  }

  @Test
  void shopifySubscriptionsOnTheLastPageCountAndAreNotCreatedAgain() {
    stubShopifyPages(List.of("ORDERS_CANCELLED", "ORDERS_EDITED", "APP_UNINSTALLED"));

    List<WebhookSubscription> listed = shops.subscriptions(shopify(), endpoint(SHOPIFY_ADDRESS));
    List<WebhookSubscription> registered = shops.subscribe(shopify(), endpoint(SHOPIFY_ADDRESS));

    assertThat(listed).hasSize(6).allMatch(s -> s.status() == Status.ACTIVE);
    assertThat(registered).allMatch(s -> s.status() == Status.ACTIVE);
    assertThat(shopifyCreates()).isEmpty();
    assertThat(
            platform.findAll(
                postRequestedFor(urlEqualTo(GRAPHQL))
                    .withRequestBody(containing(LIST))
                    .withRequestBody(matchingJsonPath("$.variables.first", equalTo("250")))))
        .as("three pages for each of the two reads")
        .hasSize(6);
  }

  @Test
  void shopifyRepairCreatesOnlyWhatNoPageHas() {
    stubShopifyPages(List.of("ORDERS_CANCELLED", "ORDERS_EDITED"));

    List<WebhookSubscription> listed = shops.subscriptions(shopify(), endpoint(SHOPIFY_ADDRESS));
    shops.subscribe(shopify(), endpoint(SHOPIFY_ADDRESS));

    assertThat(listed)
        .filteredOn(s -> s.status() == Status.MISSING)
        .extracting(WebhookSubscription::topic)
        .containsExactly("APP_UNINSTALLED");
    assertThat(shopifyCreates()).containsExactly("APP_UNINSTALLED");
  }

  @Test
  void aShopifyNextPageWithoutACursorIsAnUnexpectedAnswerNotALoop() {
    platform.stubFor(
        post(urlEqualTo(GRAPHQL))
            .withRequestBody(containing(LIST))
            .willReturn(
                okJson(
                    """
                    {"data":{"webhookSubscriptions":{"edges":[],
                      "pageInfo":{"hasNextPage":true,"endCursor":null}}}}
                    """)));

    assertThatThrownBy(() -> shops.subscriptions(shopify(), endpoint(SHOPIFY_ADDRESS)))
        .isInstanceOf(ShopConnectionException.class)
        .hasMessageContaining("endCursor");
  }

  // ---------------------------------------------------------------- BigCommerce

  private static final String HOOKS = "/stores/pg7/v3/hooks";
  private static final String BC_ADDRESS = "https://points.example.com/webhooks/bigcommerce";

  private PlatformAccount bigCommerce() {
    return new PlatformAccount(
        "store-pg7.mybigcommerce.com",
        PlatformKind.BIGCOMMERCE,
        platform.baseUrl() + "/stores/pg7",
        "bc-token");
  }

  private static String hooksPage(int page, int totalPages, String hooks) {
    return """
        {"data":[%s],
         "meta":{"pagination":{"total":%d,"count":3,"per_page":250,"current_page":%d,
                               "total_pages":%d,"links":{"current":"?page=%d&limit=250"}}}}
        """
        .formatted(hooks, totalPages * 3, page, totalPages, page);
  }

  private static String hook(long id, String scope, boolean active) {
    return """
        {"id":%d,"scope":"%s","destination":"%s","is_active":%s}"""
        .formatted(id, scope, BC_ADDRESS, active);
  }

  private static String otherAppsHook(long id) {
    return """
        {"id":%d,"scope":"store/order/created","destination":"https://other.example.com","is_active":true}"""
        .formatted(id);
  }

  private void stubHookPage(int page, String body) {
    platform.stubFor(
        get(urlPathEqualTo(HOOKS))
            .withQueryParam("page", equalTo(String.valueOf(page)))
            .withQueryParam("limit", equalTo("250"))
            .willReturn(okJson(body)));
  }

  @Test
  void bigCommerceHooksOnEveryPageCountAndTheInactiveOneOnPageThreeIsReactivated() {
    stubHookPage(
        1,
        hooksPage(
            1,
            3,
            String.join(
                ",",
                otherAppsHook(1),
                hook(2, "store/order/statusUpdated", true),
                otherAppsHook(3))));
    stubHookPage(
        2,
        hooksPage(
            2,
            3,
            String.join(
                ",",
                otherAppsHook(4),
                hook(5, "store/order/refund/created", true),
                otherAppsHook(6))));
    stubHookPage(
        3,
        hooksPage(
            3,
            3,
            String.join(
                ",", otherAppsHook(7), otherAppsHook(8), hook(9, "store/app/uninstalled", false))));
    platform.stubFor(put(urlEqualTo(HOOKS + "/9")).willReturn(okJson("{\"data\":{\"id\":9}}")));

    List<WebhookSubscription> listed = shops.subscriptions(bigCommerce(), endpoint(BC_ADDRESS));
    shops.subscribe(bigCommerce(), endpoint(BC_ADDRESS));

    assertThat(listed)
        .extracting(WebhookSubscription::topic, WebhookSubscription::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("store/order/statusUpdated", Status.ACTIVE),
            org.assertj.core.groups.Tuple.tuple("store/order/refund/created", Status.ACTIVE),
            org.assertj.core.groups.Tuple.tuple("store/app/uninstalled", Status.MISSING));
    assertThat(platform.findAll(postRequestedFor(urlPathEqualTo(HOOKS)))).isEmpty();
    assertThat(platform.findAll(putRequestedFor(urlEqualTo(HOOKS + "/9")))).hasSize(1);
    assertThat(platform.findAll(getRequestedFor(urlPathEqualTo(HOOKS)))).hasSize(6);
  }

  @Test
  void aBigCommerceHookMissingFromEveryPageIsCreatedOnce() {
    stubHookPage(1, hooksPage(1, 2, String.join(",", hook(2, "store/order/statusUpdated", true))));
    stubHookPage(
        2,
        hooksPage(
            2, 2, String.join(",", otherAppsHook(3), hook(4, "store/app/uninstalled", true))));
    platform.stubFor(post(urlPathEqualTo(HOOKS)).willReturn(okJson("{\"data\":{\"id\":14}}")));

    shops.subscribe(bigCommerce(), endpoint(BC_ADDRESS));

    assertThat(platform.findAll(postRequestedFor(urlPathEqualTo(HOOKS))))
        .extracting(r -> json(r.getBodyAsString()).path("scope").asText())
        .containsExactly("store/order/refund/created");
  }

  private static WebhookEndpoint endpoint(String address) {
    return new WebhookEndpoint(address, "secret");
  }
}
