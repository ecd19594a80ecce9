package io.pointsaga.platform;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.noContent;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.pointsaga.platform.PlatformTestSupport.SHORT_REQUEST_TIMEOUT;
import static io.pointsaga.platform.PlatformTestSupport.TEST_REQUEST_TIMEOUT;
import static io.pointsaga.platform.PlatformTestSupport.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.pointsaga.order.OrderEvent;
import io.pointsaga.order.OrderEventKind;
import io.pointsaga.order.OrderLine;
import io.pointsaga.order.OrderSnapshot;
import io.pointsaga.order.RefundLine;
import io.pointsaga.order.RefundSnapshot;
import io.temporal.failure.ApplicationFailure;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class PlatformOrderActivitiesTest {

  @RegisterExtension
  static final WireMockExtension bigCommerce =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final String SHOP = "store-abc123.mybigcommerce.com";
  private static final String SHOPIFY_SHOP = "demo.myshopify.com";
  private static final String TOKEN = "bc-token-0123";
  private static final String STORE = "/stores/abc123";
  private static final String ORDER_ID = "250";
  private static final String ORDER = STORE + "/v2/orders/250";
  private static final String PRODUCTS = ORDER + "/products";
  private static final String COUPONS = ORDER + "/coupons";
  private static final String REFUNDS = STORE + "/v3/orders/250/payment_actions/refunds";
  private static final String CODE = "RWD-7K2Q";

  // Seed 001: $40 + $20 (2 x $10) items, a $10 coupon spread over them.
  private static final List<OrderLine> LINES =
      List.of(
          new OrderLine("64", new BigDecimal("33.33")),
          new OrderLine("65", new BigDecimal("16.67")));

  // Returning the $20 item refunds $16.67 to store credit, with $5 shipping.
  private static final RefundSnapshot REFUND_3 =
      new RefundSnapshot(
          "bc-3",
          List.of(new RefundLine("65", new BigDecimal("16.67"))),
          new BigDecimal("5.00"),
          true);
  // Returning the $40 item later refunds $33.33 to the card, plus $2 handling.
  private static final RefundSnapshot REFUND_4 =
      new RefundSnapshot(
          "bc-4",
          List.of(new RefundLine("64", new BigDecimal("33.33"))),
          new BigDecimal("2.00"),
          false);

  private final PlatformOrderActivities activities = activitiesWithTimeout(TEST_REQUEST_TIMEOUT);

  @Test
  void paidStatusFetchesTheOrderWithLinesAfterDiscountsCouponsAndCustomer() {
    stubOrder(11, "17");
    stubProductsAndCoupons();

    OrderEvent resolved = activities.resolve(statusEvent(11));

    assertThat(resolved)
        .isEqualTo(
            new OrderEvent(
                7L,
                OrderEventKind.PAID,
                "paid",
                SHOP,
                ORDER_ID,
                new OrderSnapshot(
                    ORDER_ID, "17", "USD", LINES, List.of(CODE), "paid", false, List.of()),
                null,
                null,
                11));
    // Nothing to refund on a paid order: the refunds are not fetched.
    bigCommerce.verify(0, getRequestedFor(urlPathEqualTo(REFUNDS)));
    List<LoggedRequest> requests = bigCommerce.findAll(getRequestedFor(urlPathEqualTo(ORDER)));
    assertThat(requests).hasSize(1);
    assertThat(requests.get(0).getHeader("X-Auth-Token")).isEqualTo(TOKEN);
    assertThat(requests.get(0).getHeader("Accept")).isEqualTo("application/json");
  }

  @ParameterizedTest(name = "status {0}")
  @ValueSource(ints = {2, 3, 8, 9, 10, 11})
  void everyPaidStatusIsPaid(int statusId) {
    stubOrder(statusId, "17");
    stubProductsAndCoupons();

    OrderEvent resolved = activities.resolve(statusEvent(statusId));

    assertThat(resolved.kind()).isEqualTo(OrderEventKind.PAID);
    assertThat(resolved.eventKey()).isEqualTo("paid");
    assertThat(resolved.order().financialStatus()).isEqualTo("paid");
  }

  @ParameterizedTest(name = "status {0} is {1}")
  @CsvSource({"4, refunded", "14, partially_refunded"})
  void refundedStatusesCarryEveryRefundOfTheOrder(int statusId, String financialStatus) {
    stubOrder(statusId, "17");
    stubProductsAndCoupons();
    stubRefunds(okJson(refunds(REFUND_3_JSON, REFUND_4_JSON)));

    OrderEvent resolved = activities.resolve(statusEvent(statusId));

    assertThat(resolved.kind()).isEqualTo(OrderEventKind.STATUS_CHANGED);
    assertThat(resolved.eventKey()).isEqualTo("status:" + statusId);
    assertThat(resolved.order())
        .isEqualTo(
            new OrderSnapshot(
                ORDER_ID,
                "17",
                "USD",
                LINES,
                List.of(CODE),
                financialStatus,
                false,
                List.of(REFUND_3, REFUND_4)));
    assertThat(resolved.refund()).isNull();
  }

  @Test
  void cancelledStatusIsACancellationWithTheSnapshot() {
    stubOrder(5, "17");
    stubProductsAndCoupons();
    stubRefunds(okJson(refunds()));

    OrderEvent resolved = activities.resolve(statusEvent(5));

    assertThat(resolved.kind()).isEqualTo(OrderEventKind.CANCELLED);
    assertThat(resolved.eventKey()).isEqualTo("status:5");
    assertThat(resolved.order())
        .isEqualTo(
            new OrderSnapshot(
                ORDER_ID, "17", "USD", LINES, List.of(CODE), "cancelled", true, List.of()));
  }

  @Test
  void anotherStatusChangesNothingAndFetchesNoRefunds() {
    stubOrder(7, "17");
    stubProductsAndCoupons();

    OrderEvent resolved = activities.resolve(statusEvent(7));

    assertThat(resolved.kind()).isEqualTo(OrderEventKind.STATUS_CHANGED);
    assertThat(resolved.eventKey()).isEqualTo("status:7");
    assertThat(resolved.order().financialStatus()).isEqualTo("bc-status-7");
    assertThat(resolved.order().cancelled()).isFalse();
    assertThat(resolved.order().refunds()).isEmpty();
    bigCommerce.verify(0, getRequestedFor(urlPathEqualTo(REFUNDS)));
  }

  @Test
  void anEventWithoutAStatusTakesTheOrdersCurrentStatus() {
    stubOrder(10, "17");
    stubProductsAndCoupons();

    OrderEvent resolved = activities.resolve(statusEvent(null));

    assertThat(resolved.kind()).isEqualTo(OrderEventKind.PAID);
    assertThat(resolved.order().financialStatus()).isEqualTo("paid");
  }

  @Test
  void guestOrderHasNoCustomerAndNoCouponsWhenBigCommerceAnswers204() {
    stubOrder(11, "0");
    bigCommerce.stubFor(
        get(urlPathEqualTo(PRODUCTS))
            .willReturn(okJson("[" + product(66, 1, "12.5000", "[]") + "]")));
    bigCommerce.stubFor(get(urlPathEqualTo(COUPONS)).willReturn(noContent()));

    OrderSnapshot order = activities.resolve(statusEvent(11)).order();

    assertThat(order.customerId()).isNull();
    assertThat(order.discountCodes()).isEmpty();
    assertThat(order.lines()).containsExactly(new OrderLine("66", new BigDecimal("12.50")));
  }

  @Test
  void productsArePagedUntilAShortPage() {
    stubOrder(11, "17");
    String fullPage =
        IntStream.rangeClosed(1, BigCommerceOrderClient.PAGE_SIZE)
            .mapToObj(id -> product(id, 1, "1.0000", "[]"))
            .collect(Collectors.joining(",", "[", "]"));
    bigCommerce.stubFor(
        get(urlPathEqualTo(PRODUCTS))
            .withQueryParam("page", equalTo("1"))
            .withQueryParam("limit", equalTo("250"))
            .willReturn(okJson(fullPage)));
    bigCommerce.stubFor(
        get(urlPathEqualTo(PRODUCTS))
            .withQueryParam("page", equalTo("2"))
            .willReturn(okJson("[" + product(9001, 3, "2.0000", "[]") + "]")));
    bigCommerce.stubFor(get(urlPathEqualTo(COUPONS)).willReturn(okJson("[]")));

    List<OrderLine> lines = activities.resolve(statusEvent(11)).order().lines();

    assertThat(lines).hasSize(251);
    assertThat(lines.get(250)).isEqualTo(new OrderLine("9001", new BigDecimal("6.00")));
  }

  @Test
  void refundCreatedResolvesToTheRefundWithProductLinesShippingApartAndStoreCredit() {
    stubRefunds(okJson(refunds(REFUND_3_JSON, REFUND_4_JSON)));

    OrderEvent resolved = activities.resolve(refundEvent("bc-3"));

    assertThat(resolved)
        .isEqualTo(
            new OrderEvent(
                8L,
                OrderEventKind.REFUND_CREATED,
                "refund:bc-3",
                SHOP,
                ORDER_ID,
                null,
                REFUND_3,
                "bc-3",
                null));
    assertThat(resolved.refund().refundedAmount()).isEqualByComparingTo("16.67");
    // The refund alone is enough: the order is not fetched.
    bigCommerce.verify(0, getRequestedFor(urlPathEqualTo(ORDER)));
  }

  @Test
  void refundIdWithoutPrefixAndACardRefundWithHandling() {
    stubRefunds(okJson(refunds(REFUND_3_JSON, REFUND_4_JSON)));

    OrderEvent resolved = activities.resolve(refundEvent("4"));

    assertThat(resolved.eventKey()).isEqualTo("refund:bc-4");
    assertThat(resolved.refund()).isEqualTo(REFUND_4);
  }

  @Test
  void aRefundPaidPartlyToStoreCreditIsNotAStoreCreditRefund() {
    String split =
        """
        {"id":5,"order_id":250,"total_amount":16.67,
         "items":[{"item_type":"PRODUCT","item_id":65,"quantity":1,"requested_amount":16.67},
                  {"item_type":"ORDER","item_id":250,"requested_amount":"3.00"}],
         "payments":[{"provider_id":"storecredit","amount":"10.00","offline":false},
                     {"provider_id":"braintree","amount":"6.67","offline":false}]}
        """;
    stubRefunds(okJson(refunds(split)));

    RefundSnapshot refund = activities.resolve(refundEvent("bc-5")).refund();

    assertThat(refund.storeCredit()).isFalse();
    // An ORDER item is no line item: it counts neither as a line nor as shipping.
    assertThat(refund.lines()).containsExactly(new RefundLine("65", new BigDecimal("16.67")));
    assertThat(refund.shippingRefunded()).isEqualByComparingTo("0");
  }

  @Test
  void aRefundTheOrderDoesNotHaveIsRejectedNamingIt() {
    stubRefunds(okJson(refunds(REFUND_3_JSON)));

    ApplicationFailure failure = failureOf(() -> activities.resolve(refundEvent("bc-9")));

    assertThat(failure.getType()).isEqualTo(PlatformFailure.REJECTED);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).contains("refund bc-9 of order 250", SHOP);
  }

  @Test
  void refundsOfAMissingOrderAreRejectedNamingTheRefund() {
    stubRefunds(jsonWithStatus(404, "{\"status\":404,\"title\":\"Order not found\"}"));

    ApplicationFailure failure = failureOf(() -> activities.resolve(refundEvent("bc-3")));

    assertThat(failure.getType()).isEqualTo(PlatformFailure.REJECTED);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage())
        .contains("HTTP 404", "refund bc-3 of order 250", "Order not found");
  }

  @Test
  void aRefundIdThatIsNoNumberIsRejectedWithoutAnyCall() {
    ApplicationFailure failure = failureOf(() -> activities.resolve(refundEvent("bc-three")));

    assertThat(failure.getType()).isEqualTo(PlatformFailure.REJECTED);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).contains("'bc-three'", "order 250");
    assertThat(bigCommerce.getAllServeEvents()).isEmpty();
  }

  @Test
  void aMissingOrderIsRejectedNamingIt() {
    bigCommerce.stubFor(
        get(urlPathEqualTo(ORDER))
            .willReturn(
                jsonWithStatus(
                    404,
                    "[{\"status\":404,\"message\":\"The requested resource was not found.\"}]")));

    ApplicationFailure failure = failureOf(() -> activities.resolve(statusEvent(4)));

    assertThat(failure.getType()).isEqualTo(PlatformFailure.REJECTED);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).contains("HTTP 404", "order 250", SHOP);
  }

  @Test
  void http429WithResetMillisIsThrottledUntilTheWindowResets() {
    stubOrder(4, "17");
    stubProductsAndCoupons();
    stubRefunds(
        aResponse()
            .withStatus(429)
            .withHeader("X-Rate-Limit-Time-Reset-Ms", "4500")
            .withHeader("X-Rate-Limit-Requests-Left", "0"));

    ApplicationFailure failure = failureOf(() -> activities.resolve(statusEvent(4)));

    assertThat(failure.getType()).isEqualTo(PlatformFailure.THROTTLED);
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofMillis(4500));
    assertThat(failure.getOriginalMessage()).contains("429", "order 250", SHOP);
  }

  @Test
  void http429WithRetryAfterIsThrottledForThoseSeconds() {
    stubRefunds(aResponse().withStatus(429).withHeader("Retry-After", "3"));

    ApplicationFailure failure = failureOf(() -> activities.resolve(refundEvent("bc-3")));

    assertThat(failure.getType()).isEqualTo(PlatformFailure.THROTTLED);
    assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void serverErrorIsRetryableUnavailable() {
    stubOrder(11, "17");
    bigCommerce.stubFor(
        get(urlPathEqualTo(PRODUCTS))
            .willReturn(aResponse().withStatus(500).withBody("Internal Server Error")));

    ApplicationFailure failure = failureOf(() -> activities.resolve(statusEvent(11)));

    assertThat(failure.getType()).isEqualTo(PlatformFailure.UNAVAILABLE);
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getOriginalMessage()).contains("500", "fetch order 250", SHOP);
  }

  @ParameterizedTest(name = "HTTP {0}")
  @ValueSource(ints = {401, 403})
  void rejectedCredentialsAreNotRetried(int status) {
    bigCommerce.stubFor(
        get(urlPathEqualTo(ORDER))
            .willReturn(
                jsonWithStatus(
                    status,
                    "[{\"status\":" + status + ",\"message\":\"You don't have access\"}]")));

    ApplicationFailure failure = failureOf(() -> activities.resolve(statusEvent(4)));

    assertThat(failure.getType()).isEqualTo(PlatformFailure.CREDENTIALS_REJECTED);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage())
        .contains(
            "BigCommerce rejected the API credentials",
            SHOP,
            "HTTP " + status,
            "fetch order 250",
            "read orders");
  }

  @Test
  void slowAnswerTimesOutAsRetryableUnavailable() {
    bigCommerce.stubFor(
        get(urlPathEqualTo(ORDER)).willReturn(okJson(order(11, "17")).withFixedDelay(1_500)));
    PlatformOrderActivities impatient = activitiesWithTimeout(SHORT_REQUEST_TIMEOUT);

    ApplicationFailure failure = failureOf(() -> impatient.resolve(statusEvent(11)));

    assertThat(failure.getType()).isEqualTo(PlatformFailure.UNAVAILABLE);
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getOriginalMessage()).contains("did not answer within", "order 250", SHOP);
  }

  @Test
  void connectionResetIsRetryableUnavailable() {
    stubRefunds(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

    ApplicationFailure failure = failureOf(() -> activities.resolve(refundEvent("bc-3")));

    assertThat(failure.getType()).isEqualTo(PlatformFailure.UNAVAILABLE);
    assertThat(failure.isNonRetryable()).isFalse();
  }

  @Test
  void aProductWithoutAPriceIsRetryableUnavailable() {
    stubOrder(11, "17");
    bigCommerce.stubFor(
        get(urlPathEqualTo(PRODUCTS))
            .willReturn(okJson("[{\"id\":64,\"quantity\":1,\"applied_discounts\":[]}]")));

    ApplicationFailure failure = failureOf(() -> activities.resolve(statusEvent(11)));

    assertThat(failure.getType()).isEqualTo(PlatformFailure.UNAVAILABLE);
    assertThat(failure.getOriginalMessage()).contains("base_price", "order 250");
  }

  @ParameterizedTest
  @EnumSource(
      value = OrderEventKind.class,
      names = {"BIGCOMMERCE_STATUS_CHANGED", "BIGCOMMERCE_REFUND_CREATED"})
  void aShopifyShopIsRejectedForABigCommerceEventWithoutAnyCall(OrderEventKind kind) {
    OrderEvent event =
        new OrderEvent(9L, kind, "status:4", SHOPIFY_SHOP, ORDER_ID, null, null, "bc-3", 4);

    ApplicationFailure failure = failureOf(() -> activities.resolve(event));

    assertThat(failure.getType()).isEqualTo(PlatformFailure.REJECTED);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).contains(SHOPIFY_SHOP, kind.name(), "SHOPIFY");
    assertThat(bigCommerce.getAllServeEvents()).isEmpty();
  }

  @Test
  void unknownShopIsNotRetried() {
    OrderEvent event =
        new OrderEvent(
            9L,
            OrderEventKind.BIGCOMMERCE_STATUS_CHANGED,
            "status:4",
            "store-zzz.mybigcommerce.com",
            ORDER_ID,
            null,
            null,
            null,
            4);

    ApplicationFailure failure = failureOf(() -> activities.resolve(event));

    assertThat(failure.getType()).isEqualTo(PlatformFailure.UNKNOWN_SHOP);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).contains("store-zzz.mybigcommerce.com", "order 250");
    assertThat(bigCommerce.getAllServeEvents()).isEmpty();
  }

  @Test
  void anOrderIdThatIsNoNumberIsRejectedWithoutAnyCall() {
    OrderEvent event =
        new OrderEvent(
            9L,
            OrderEventKind.BIGCOMMERCE_STATUS_CHANGED,
            "status:4",
            SHOP,
            "250/../../v2/customers",
            null,
            null,
            null,
            4);

    ApplicationFailure failure = failureOf(() -> activities.resolve(event));

    assertThat(failure.getType()).isEqualTo(PlatformFailure.REJECTED);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(bigCommerce.getAllServeEvents()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(
      value = OrderEventKind.class,
      names = {"PAID", "REFUND_CREATED", "STATUS_CHANGED", "CANCELLED"})
  void otherKindsAreReturnedUnchangedWithoutAnyCall(OrderEventKind kind) {
    OrderSnapshot order =
        new OrderSnapshot(
            "5001", "42", "USD", LINES, List.of(CODE), "paid", false, List.of(REFUND_3));
    OrderEvent event =
        new OrderEvent(3L, kind, "paid", SHOPIFY_SHOP, "5001", order, REFUND_3, null, null);

    assertThat(activities.resolve(event)).isSameAs(event);
    assertThat(bigCommerce.getAllServeEvents()).isEmpty();
  }

  // --- BigCommerce-shaped answers --------------------------------------------------------------

  private static final String REFUND_3_JSON =
      """
      {"id":3,"order_id":250,"user_id":0,"created":"2024-03-06T09:30:00+00:00",
       "reason":"Wrong size","total_amount":21.67,"total_tax":0,
       "uses_merchant_override_values":false,
       "items":[{"item_type":"PRODUCT","item_id":65,"quantity":2,"requested_amount":"16.67"},
                {"item_type":"SHIPPING","item_id":0,"requested_amount":"5.00"}],
       "payments":[{"id":11,"provider_id":"storecredit","amount":"21.67","offline":false,
                    "is_declined":false,"declined_message":""}]}
      """;

  private static final String REFUND_4_JSON =
      """
      {"id":4,"order_id":250,"total_amount":35.33,
       "items":[{"item_type":"PRODUCT","item_id":64,"quantity":1,"requested_amount":33.33},
                {"item_type":"SHIPPING","item_id":0,"requested_amount":"1.50"},
                {"item_type":"HANDLING","item_id":0,"requested_amount":"0.50"}],
       "payments":[{"id":12,"provider_id":"braintree","amount":"35.33","offline":false}]}
      """;

  private static String refunds(String... refunds) {
    return "{\"data\":[" + String.join(",", refunds) + "],\"meta\":{}}";
  }

  private static String order(int statusId, String customerId) {
    return """
        {"id":250,"customer_id":%s,"date_created":"Tue, 05 Mar 2024 10:00:00 +0000",
         "date_modified":"Tue, 05 Mar 2024 10:05:00 +0000","status_id":%d,
         "status":"Whatever","subtotal_ex_tax":"60.0000","base_shipping_cost":"5.0000",
         "total_inc_tax":"55.0000","items_total":3,"payment_method":"Credit Card",
         "currency_code":"USD","coupon_discount":"10.0000",
         "products":{"url":"https://api.bigcommerce.com/stores/abc123/v2/orders/250/products",
                     "resource":"/orders/250/products"}}
        """
        .formatted(customerId, statusId);
  }

  private static String product(long id, int quantity, String basePrice, String discounts) {
    return """
        {"id":%d,"order_id":250,"product_id":77,"name":"Lamp","sku":"LMP-%d","quantity":%d,
         "base_price":"%s","price_ex_tax":"%s","price_inc_tax":"%s","base_total":"0.0000",
         "applied_discounts":%s}
        """
        .formatted(id, id, quantity, basePrice, basePrice, basePrice, discounts);
  }

  private static void stubOrder(int statusId, String customerId) {
    bigCommerce.stubFor(get(urlPathEqualTo(ORDER)).willReturn(okJson(order(statusId, customerId))));
  }

  private static void stubProductsAndCoupons() {
    // Amounts come as strings or numbers; the $10 coupon is split 6.6667 / 3.3333.
    String discount64 =
        "[{\"id\":\"1\",\"amount\":\"6.6667\",\"name\":\"Reward\",\"code\":\"RWD-7K2Q\","
            + "\"target\":\"order\"}]";
    String discount65 =
        "[{\"id\":\"1\",\"amount\":3.3333,\"name\":\"Reward\",\"code\":\"RWD-7K2Q\","
            + "\"target\":\"order\"}]";
    bigCommerce.stubFor(
        get(urlPathEqualTo(PRODUCTS))
            .willReturn(
                okJson(
                    "["
                        + product(64, 1, "40.0000", discount64)
                        + ","
                        + product(65, 2, "10.0000", discount65)
                        + "]")));
    bigCommerce.stubFor(
        get(urlPathEqualTo(COUPONS))
            .willReturn(
                okJson(
                    "[{\"id\":1,\"coupon_id\":5,\"order_id\":250,\"code\":\"RWD-7K2Q\","
                        + "\"amount\":\"10.0000\",\"type\":2,\"discount\":10}]")));
  }

  private static void stubRefunds(ResponseDefinitionBuilder response) {
    bigCommerce.stubFor(get(urlPathEqualTo(REFUNDS)).willReturn(response));
  }

  private static OrderEvent statusEvent(Integer statusId) {
    return new OrderEvent(
        7L,
        OrderEventKind.BIGCOMMERCE_STATUS_CHANGED,
        "status:" + statusId,
        SHOP,
        ORDER_ID,
        null,
        null,
        null,
        statusId);
  }

  private static OrderEvent refundEvent(String refundId) {
    return new OrderEvent(
        8L,
        OrderEventKind.BIGCOMMERCE_REFUND_CREATED,
        "refund:" + refundId,
        SHOP,
        ORDER_ID,
        null,
        null,
        refundId,
        null);
  }

  private static PlatformOrderActivities activitiesWithTimeout(Duration requestTimeout) {
    Map<String, PlatformAccount> known =
        Map.of(
            SHOP,
            new PlatformAccount(
                SHOP, PlatformKind.BIGCOMMERCE, bigCommerce.baseUrl() + STORE, TOKEN),
            SHOPIFY_SHOP,
            new PlatformAccount(
                SHOPIFY_SHOP, PlatformKind.SHOPIFY, bigCommerce.baseUrl(), "shpat_123"));
    return new PlatformOrderActivitiesImpl(
        shopDomain -> Optional.ofNullable(known.get(shopDomain)),
        new PlatformHttpSettings(Duration.ofSeconds(1), requestTimeout));
  }

  private static ResponseDefinitionBuilder jsonWithStatus(int status, String body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }
}
