package io.pointsaga.platform;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.noContent;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.pointsaga.platform.PlatformTestSupport.failureOf;
import static io.pointsaga.platform.PlatformTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.pointsaga.order.OrderLine;
import io.pointsaga.order.RefundLine;
import io.pointsaga.order.RefundSnapshot;
import io.temporal.failure.ApplicationFailure;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Reconciliation's reads of the orders changed since a moment, against WireMock standing in for
 * Shopify's Admin GraphQL and BigCommerce's v2/v3 APIs: the requests as the platforms document
 * them, the answers read into the same order and refund terms as the webhooks, paging, and the
 * failures a run retries (5xx, 429) or gives up on (a rejected token).
 */
class PlatformOrderChangesTest {

  @RegisterExtension
  static final WireMockExtension platform =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final String GRAPHQL = "/admin/api/2025-10/graphql.json";
  private static final Instant SINCE = Instant.parse("2026-11-30T07:00:00Z");

  private final PlatformOrderChanges changes =
      new PlatformOrderChanges(
          new PlatformHttpSettings(Duration.ofSeconds(2), Duration.ofSeconds(10)));

  private PlatformAccount shopify() {
    return new PlatformAccount(
        "demo.myshopify.com", PlatformKind.SHOPIFY, platform.baseUrl(), "shpat_demo");
  }

  private PlatformAccount bigCommerce() {
    return new PlatformAccount(
        "store-abc.mybigcommerce.com",
        PlatformKind.BIGCOMMERCE,
        platform.baseUrl() + "/stores/abc",
        "bc-token");
  }

  private static final String SHOPIFY_ORDER =
      """
      {"legacyResourceId":"1001","updatedAt":"2026-11-30T07:30:00Z","cancelledAt":null,
       "displayFinancialStatus":"PARTIALLY_REFUNDED","currencyCode":"USD",
       "customer":{"legacyResourceId":"42"},"discountCodes":["PTS-ABC"],
       "totalShippingPriceSet":{"shopMoney":{"amount":"4.99"}},
       "lineItems":{"pageInfo":{"hasNextPage":false},"nodes":[
         {"id":"gid://shopify/LineItem/11","quantity":2,
          "originalUnitPriceSet":{"shopMoney":{"amount":"20.00"}},
          "discountAllocations":[{"allocatedAmountSet":{"shopMoney":{"amount":"6.67"}}}]},
         {"id":"gid://shopify/LineItem/12","quantity":1,
          "originalUnitPriceSet":{"shopMoney":{"amount":"20.00"}},
          "discountAllocations":[{"allocatedAmountSet":{"shopMoney":{"amount":"3.33"}}}]}]},
       "refunds":[{"legacyResourceId":"501",
         "refundLineItems":{"nodes":[{"lineItem":{"id":"gid://shopify/LineItem/12"},"quantity":1,
           "subtotalSet":{"shopMoney":{"amount":"16.67"}}}]},
         "refundShippingLines":{"nodes":[{"subtotalAmountSet":{"shopMoney":{"amount":"4.99"}}}]},
         "transactions":{"nodes":[{"kind":"REFUND","status":"SUCCESS","gateway":"manual"}]}}]}
      """;

  @Test
  void shopifyOrdersAreReadWithTheirLinesAndRefundsAsTheWebhooksGiveThem() {
    platform.stubFor(
        post(urlEqualTo(GRAPHQL))
            .willReturn(
                okJson(
                    "{\"data\":{\"orders\":{\"pageInfo\":{\"hasNextPage\":true,\"endCursor\":\"c1\"},"
                        + "\"nodes\":["
                        + SHOPIFY_ORDER
                        + "]}}}")));

    OrderChangesPage page = changes.read(shopify(), SINCE, null);

    assertThat(page.nextPage()).isEqualTo("c1");
    ChangedOrder changed = page.orders().get(0);
    assertThat(changed.paid()).isTrue();
    assertThat(changed.updatedAt()).isEqualTo(Instant.parse("2026-11-30T07:30:00Z"));
    assertThat(changed.order().orderId()).isEqualTo("1001");
    assertThat(changed.order().customerId()).isEqualTo("42");
    assertThat(changed.order().financialStatus()).isEqualTo("partially_refunded");
    assertThat(changed.order().discountCodes()).containsExactly("PTS-ABC");
    assertThat(changed.order().shippingTotal()).isEqualByComparingTo("4.99");
    assertThat(changed.order().lines())
        .containsExactly(
            new OrderLine("11", new BigDecimal("33.33"), new BigDecimal("40.00")),
            new OrderLine("12", new BigDecimal("16.67"), new BigDecimal("20.00")));
    assertThat(changed.order().refunds())
        .containsExactly(
            new RefundSnapshot(
                "501",
                List.of(new RefundLine("12", new BigDecimal("16.67"))),
                new BigDecimal("4.99"),
                false));

    LoggedRequest request = platform.findAll(postRequestedFor(urlEqualTo(GRAPHQL))).get(0);
    assertThat(request.getHeader("X-Shopify-Access-Token")).isEqualTo("shpat_demo");
    JsonNode body = json(request.getBodyAsString());
    assertThat(body.get("query").asText()).contains("orders(").contains("sortKey: UPDATED_AT");
    assertThat(body.get("variables").get("query").asText())
        .isEqualTo("updated_at:>='2026-11-30T07:00:00Z'");
    assertThat(body.get("variables").get("after").isNull()).isTrue();
  }

  @Test
  void shopifyNextPagesAskAfterTheCursorAndTheLastHasNone() {
    platform.stubFor(
        post(urlEqualTo(GRAPHQL))
            .willReturn(
                okJson(
                    "{\"data\":{\"orders\":{\"pageInfo\":{\"hasNextPage\":false,\"endCursor\":null},"
                        + "\"nodes\":[]}}}")));

    OrderChangesPage page = changes.read(shopify(), SINCE, "c1");

    assertThat(page.last()).isTrue();
    assertThat(page.orders()).isEmpty();
    JsonNode body =
        json(platform.findAll(postRequestedFor(urlEqualTo(GRAPHQL))).get(0).getBodyAsString());
    assertThat(body.get("variables").get("after").asText()).isEqualTo("c1");
  }

  @Test
  void throttlingAndOutagesAreRetriedARejectedTokenIsNot() {
    platform.stubFor(
        post(urlEqualTo(GRAPHQL))
            .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3")));
    ApplicationFailure throttled = failureOf(() -> changes.read(shopify(), SINCE, null));
    assertThat(throttled.isNonRetryable()).isFalse();
    assertThat(throttled.getType()).isEqualTo("PlatformThrottled");
    assertThat(throttled.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(3));

    platform.stubFor(post(urlEqualTo(GRAPHQL)).willReturn(aResponse().withStatus(503)));
    ApplicationFailure down = failureOf(() -> changes.read(shopify(), SINCE, null));
    assertThat(down.isNonRetryable()).isFalse();
    assertThat(down.getType()).isEqualTo("PlatformUnavailable");

    platform.stubFor(post(urlEqualTo(GRAPHQL)).willReturn(aResponse().withStatus(401)));
    ApplicationFailure rejected = failureOf(() -> changes.read(shopify(), SINCE, null));
    assertThat(rejected.isNonRetryable()).isTrue();
    assertThat(rejected.getType()).isEqualTo("PlatformCredentialsRejected");
    assertThat(rejected.getOriginalMessage()).doesNotContain("shpat_demo");
  }

  @Test
  void anUninstalledShopIsNotCalled() {
    PlatformAccount uninstalled =
        new PlatformAccount(
            "demo.myshopify.com", PlatformKind.SHOPIFY, platform.baseUrl(), "shpat_demo", false);
    ApplicationFailure failure = failureOf(() -> changes.read(uninstalled, SINCE, null));
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(platform.findAll(postRequestedFor(urlEqualTo(GRAPHQL)))).isEmpty();
  }

  @Test
  void bigCommerceOrdersComeWithTheirProductsCouponsAndRefunds() {
    String orders = "/stores/abc/v2/orders";
    platform.stubFor(
        get(urlPathEqualTo(orders))
            .willReturn(
                okJson(
                    """
                    [{"id":250,"customer_id":7,"currency_code":"USD","status_id":14,
                      "date_modified":"Mon, 30 Nov 2026 07:45:00 +0000",
                      "shipping_cost_ex_tax":"5.0000"},
                     {"id":251,"customer_id":8,"currency_code":"USD","status_id":5,
                      "date_modified":"Mon, 30 Nov 2026 07:50:00 +0000"}]
                    """)));
    for (int id : new int[] {250, 251}) {
      platform.stubFor(
          get(urlPathEqualTo(orders + "/" + id + "/products"))
              .willReturn(
                  okJson(
                      "[{\"id\":"
                          + (id * 10)
                          + ",\"quantity\":2,\"base_price\":\"10.0000\","
                          + "\"applied_discounts\":[{\"amount\":\"2.0000\"}]}]")));
      platform.stubFor(get(urlPathEqualTo(orders + "/" + id + "/coupons")).willReturn(noContent()));
    }
    platform.stubFor(
        get(urlPathEqualTo("/stores/abc/v3/orders/250/payment_actions/refunds"))
            .willReturn(
                okJson(
                    """
                    {"data":[{"id":3,"items":[
                      {"item_type":"PRODUCT","item_id":2500,"requested_amount":"9.0000"}],
                      "payments":[{"provider_id":"braintree"}]}]}
                    """)));
    platform.stubFor(
        get(urlPathEqualTo("/stores/abc/v3/orders/251/payment_actions/refunds"))
            .willReturn(okJson("{\"data\":[]}")));

    OrderChangesPage page = changes.read(bigCommerce(), SINCE, null);

    assertThat(page.last()).isTrue(); // fewer than a full page
    assertThat(page.orders()).hasSize(2);
    ChangedOrder partially = page.orders().get(0);
    assertThat(partially.paid()).isTrue();
    assertThat(partially.bigCommerceStatusId()).isEqualTo(14);
    assertThat(partially.updatedAt()).isEqualTo(Instant.parse("2026-11-30T07:45:00Z"));
    assertThat(partially.order().customerId()).isEqualTo("7");
    assertThat(partially.order().lines())
        .containsExactly(new OrderLine("2500", new BigDecimal("18.00")));
    assertThat(partially.order().refunds())
        .containsExactly(
            new RefundSnapshot(
                "bc-3",
                List.of(new RefundLine("2500", new BigDecimal("9.00"))),
                new BigDecimal("0.00"),
                false));
    ChangedOrder cancelled = page.orders().get(1);
    assertThat(cancelled.order().cancelled()).isTrue();
    assertThat(cancelled.paid()).as("cancelled without a refund: never paid").isFalse();

    LoggedRequest list = platform.findAll(getRequestedFor(urlPathEqualTo(orders))).get(0);
    assertThat(list.queryParameter("min_date_modified").firstValue())
        .isEqualTo("2026-11-30T07:00:00Z");
    assertThat(list.queryParameter("sort").firstValue()).isEqualTo("date_modified:asc");
    assertThat(list.queryParameter("page").firstValue()).isEqualTo("1");
    assertThat(list.queryParameter("limit").firstValue()).isEqualTo("50");
    assertThat(list.getHeader("X-Auth-Token")).isEqualTo("bc-token");
  }

  @Test
  void bigCommerceAFullPageHasANextPageAndPastTheLastComes204() {
    StringBuilder full = new StringBuilder("[");
    for (int i = 0; i < 50; i++) {
      full.append(i == 0 ? "" : ",")
          .append("{\"id\":")
          .append(1000 + i)
          .append(",\"customer_id\":0,\"currency_code\":\"USD\",\"status_id\":1}");
    }
    full.append("]");
    platform.stubFor(
        get(urlEqualTo(
                "/stores/abc/v2/orders?min_date_modified=2026-11-30T07%3A00%3A00Z"
                    + "&sort=date_modified:asc&page=1&limit=50"))
            .willReturn(okJson(full.toString())));
    platform.stubFor(
        get(urlPathEqualTo("/stores/abc/v2/orders/1000/products")).willReturn(noContent()));
    platform.stubFor(
        get(urlPathEqualTo("/stores/abc/v2/orders")).atPriority(10).willReturn(noContent()));
    platform.stubFor(
        get(com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching(
                "/stores/abc/v2/orders/\\d+/(products|coupons)"))
            .willReturn(noContent()));
    platform.stubFor(
        get(com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching(
                "/stores/abc/v3/orders/\\d+/payment_actions/refunds"))
            .willReturn(noContent()));

    OrderChangesPage first = changes.read(bigCommerce(), SINCE, null);
    assertThat(first.orders()).hasSize(50);
    assertThat(first.nextPage()).isEqualTo("2");
    assertThat(first.orders().get(0).paid()).as("status 1, Pending").isFalse();

    OrderChangesPage second = changes.read(bigCommerce(), SINCE, first.nextPage());
    assertThat(second.orders()).isEmpty();
    assertThat(second.last()).isTrue();
  }
}
