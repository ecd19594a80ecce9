package io.pointsaga.platform;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.noContent;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.pointsaga.platform.PlatformTestSupport.SHORT_REQUEST_TIMEOUT;
import static io.pointsaga.platform.PlatformTestSupport.TEST_REQUEST_TIMEOUT;
import static io.pointsaga.platform.PlatformTestSupport.failureOf;
import static io.pointsaga.platform.PlatformTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.temporal.failure.ApplicationFailure;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BigCommerceCouponClientTest {

  @RegisterExtension
  static final WireMockExtension bigCommerce =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final String SHOP = "store-abc123.mybigcommerce.com";
  private static final String TOKEN = "bc-token-0123";
  private static final String STORE = "/stores/abc123";
  private static final String COUPONS = STORE + "/v2/coupons";
  // '+' and ' ' must be encoded in the query string.
  private static final String CODE = "RWD 7K+2Q";
  private static final String LOOKUP_URL = COUPONS + "?code=RWD+7K%2B2Q";

  private static final DiscountCodeSpec SPEC =
      new DiscountCodeSpec(CODE, "PointSaga reward RWD 7K+2Q", new BigDecimal("5.00"), "17");

  private final PlatformActivities activities = activitiesWithTimeout(TEST_REQUEST_TIMEOUT);

  @Test
  void createPostsAOneUseCouponAndReturnsItsId() {
    bigCommerce.stubFor(
        post(urlEqualTo(COUPONS))
            .willReturn(jsonWithStatus(201, "{\"id\":42,\"code\":\"RWD 7K+2Q\",\"num_uses\":0}")));

    PlatformDiscount discount = activities.createDiscountCode(SHOP, SPEC);

    assertThat(discount).isEqualTo(new PlatformDiscount("42", CODE));
    List<LoggedRequest> requests = bigCommerce.findAll(postRequestedFor(urlEqualTo(COUPONS)));
    assertThat(requests).hasSize(1);
    LoggedRequest request = requests.get(0);
    assertThat(request.getHeader("X-Auth-Token")).isEqualTo(TOKEN);
    assertThat(request.getHeader("Accept")).isEqualTo("application/json");
    JsonNode coupon = json(request.getBodyAsString());
    assertThat(coupon.path("name").asText()).isEqualTo(SPEC.title());
    assertThat(coupon.path("code").asText()).isEqualTo(CODE);
    assertThat(coupon.path("type").asText()).isEqualTo("per_total_discount");
    assertThat(coupon.path("amount").textValue()).isEqualTo("5.00");
    assertThat(coupon.path("enabled").booleanValue()).isTrue();
    assertThat(coupon.at("/applies_to/entity").asText()).isEqualTo("categories");
    assertThat(coupon.at("/applies_to/ids/0").isInt()).isTrue();
    assertThat(coupon.at("/applies_to/ids/0").intValue()).isZero();
    assertThat(coupon.path("max_uses").intValue()).isEqualTo(1);
    assertThat(coupon.path("max_uses_per_customer").intValue()).isEqualTo(1);
  }

  @Test
  void createRepeatAfterConflictReturnsTheExistingCoupon() {
    bigCommerce.stubFor(
        post(urlEqualTo(COUPONS))
            .willReturn(
                jsonWithStatus(
                    409, "[{\"status\":409,\"message\":\"The coupon code must be unique.\"}]")));
    bigCommerce.stubFor(get(urlEqualTo(LOOKUP_URL)).willReturn(okJson(coupons(coupon(42, 0)))));

    assertThat(activities.createDiscountCode(SHOP, SPEC))
        .isEqualTo(new PlatformDiscount("42", CODE));
  }

  @Test
  void conflictWithoutACouponOfThisCodeIsRejected() {
    bigCommerce.stubFor(
        post(urlEqualTo(COUPONS))
            .willReturn(
                jsonWithStatus(
                    409, "[{\"status\":409,\"message\":\"The name must be unique.\"}]")));
    bigCommerce.stubFor(get(urlEqualTo(LOOKUP_URL)).willReturn(noContent()));

    ApplicationFailure failure = failureOf(() -> activities.createDiscountCode(SHOP, SPEC));

    assertThat(failure.getType()).isEqualTo(PlatformFailure.REJECTED);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).contains("The name must be unique.", SHOP);
  }

  @Test
  void invalidCouponIsRejectedForGood() {
    bigCommerce.stubFor(
        post(urlEqualTo(COUPONS))
            .willReturn(
                jsonWithStatus(
                    400, "[{\"status\":400,\"message\":\"The field 'amount' is invalid.\"}]")));

    ApplicationFailure failure = failureOf(() -> activities.createDiscountCode(SHOP, SPEC));

    assertThat(failure.getType()).isEqualTo(PlatformFailure.REJECTED);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage())
        .contains("HTTP 400", "The field 'amount' is invalid.", SHOP, CODE);
  }

  @Test
  void lookupOfAnEnabledUnusedCoupon() {
    bigCommerce.stubFor(get(urlEqualTo(LOOKUP_URL)).willReturn(okJson(coupons(coupon(42, 0)))));

    DiscountCodeStatus status = activities.lookupDiscountCode(SHOP, CODE);

    assertThat(status).isEqualTo(new DiscountCodeStatus(true, "42", true, 0));
    LoggedRequest request = bigCommerce.getAllServeEvents().get(0).getRequest();
    assertThat(request.queryParameter("code").firstValue()).isEqualTo(CODE);
    assertThat(request.getHeader("X-Auth-Token")).isEqualTo(TOKEN);
  }

  @Test
  void lookupTakesTheCouponWithThisCodeAndReportsItsUses() {
    String others = "{\"id\":7,\"code\":\"RWD 7K+2Q-OLD\",\"enabled\":false,\"num_uses\":0}";
    bigCommerce.stubFor(
        get(urlEqualTo(LOOKUP_URL)).willReturn(okJson(coupons(others, coupon(43, 1)))));

    DiscountCodeStatus status = activities.lookupDiscountCode(SHOP, CODE);

    assertThat(status).isEqualTo(new DiscountCodeStatus(true, "43", true, 1));
    assertThat(status.used()).isTrue();
  }

  @Test
  void lookupOfAnUnknownCodeIsUntracked() {
    bigCommerce.stubFor(get(urlEqualTo(LOOKUP_URL)).willReturn(noContent()));

    assertThat(activities.lookupDiscountCode(SHOP, CODE)).isEqualTo(DiscountCodeStatus.untracked());
  }

  @Test
  void lookupAnsweredWithAnEmptyListIsUntracked() {
    bigCommerce.stubFor(get(urlEqualTo(LOOKUP_URL)).willReturn(okJson("[]")));

    assertThat(activities.lookupDiscountCode(SHOP, CODE)).isEqualTo(DiscountCodeStatus.untracked());
  }

  @Test
  void revokeDeletesTheCouponFoundByLookup() {
    bigCommerce.stubFor(get(urlEqualTo(LOOKUP_URL)).willReturn(okJson(coupons(coupon(42, 0)))));
    bigCommerce.stubFor(delete(urlEqualTo(COUPONS + "/42")).willReturn(noContent()));

    assertThat(activities.revokeDiscountCode(SHOP, CODE)).isEqualTo(RevocationResult.REVOKED);

    bigCommerce.verify(
        1,
        deleteRequestedFor(urlEqualTo(COUPONS + "/42")).withHeader("X-Auth-Token", equalTo(TOKEN)));
  }

  @Test
  void revokeOfAnUnknownCodeIsAlreadyGoneWithoutDeleting() {
    bigCommerce.stubFor(get(urlEqualTo(LOOKUP_URL)).willReturn(noContent()));

    assertThat(activities.revokeDiscountCode(SHOP, CODE)).isEqualTo(RevocationResult.ALREADY_GONE);
    bigCommerce.verify(0, deleteRequestedFor(urlPathMatching(COUPONS + "/.*")));
  }

  @Test
  void revokeOfACouponDeletedSinceTheLookupIsAlreadyGone() {
    bigCommerce.stubFor(get(urlEqualTo(LOOKUP_URL)).willReturn(okJson(coupons(coupon(42, 0)))));
    bigCommerce.stubFor(
        delete(urlEqualTo(COUPONS + "/42"))
            .willReturn(jsonWithStatus(404, "[{\"status\":404,\"message\":\"Not found\"}]")));

    assertThat(activities.revokeDiscountCode(SHOP, CODE)).isEqualTo(RevocationResult.ALREADY_GONE);
  }

  @Test
  void http429WithRetryAfterIsThrottledForThoseSeconds() {
    bigCommerce.stubFor(
        get(urlPathEqualTo(COUPONS))
            .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3")));

    ApplicationFailure failure = failureOf(() -> activities.lookupDiscountCode(SHOP, CODE));

    assertThat(failure.getType()).isEqualTo(PlatformFailure.THROTTLED);
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void http429WithResetMillisIsThrottledUntilTheWindowResets() {
    bigCommerce.stubFor(
        post(urlEqualTo(COUPONS))
            .willReturn(
                aResponse().withStatus(429).withHeader("X-Rate-Limit-Time-Reset-Ms", "4500")));

    ApplicationFailure failure = failureOf(() -> activities.createDiscountCode(SHOP, SPEC));

    assertThat(failure.getType()).isEqualTo(PlatformFailure.THROTTLED);
    assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofMillis(4500));
    assertThat(failure.getOriginalMessage()).contains("429", SHOP, CODE);
  }

  @Test
  void http429WithAShortResetWaitsAtLeastOneSecond() {
    bigCommerce.stubFor(
        get(urlPathEqualTo(COUPONS))
            .willReturn(
                aResponse().withStatus(429).withHeader("X-Rate-Limit-Time-Reset-Ms", "120")));

    ApplicationFailure failure = failureOf(() -> activities.lookupDiscountCode(SHOP, CODE));

    assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void serverErrorIsRetryableUnavailable() {
    bigCommerce.stubFor(get(urlEqualTo(LOOKUP_URL)).willReturn(okJson(coupons(coupon(42, 0)))));
    bigCommerce.stubFor(
        delete(urlEqualTo(COUPONS + "/42"))
            .willReturn(aResponse().withStatus(502).withBody("<html>502 Bad Gateway</html>")));

    ApplicationFailure failure = failureOf(() -> activities.revokeDiscountCode(SHOP, CODE));

    assertThat(failure.getType()).isEqualTo(PlatformFailure.UNAVAILABLE);
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getOriginalMessage()).contains("502", "revoke", SHOP, CODE);
  }

  @Test
  void slowAnswerTimesOutAsRetryableUnavailable() {
    bigCommerce.stubFor(
        post(urlEqualTo(COUPONS))
            .willReturn(jsonWithStatus(201, "{\"id\":42}").withFixedDelay(1_500)));
    PlatformActivities impatient = activitiesWithTimeout(SHORT_REQUEST_TIMEOUT);

    ApplicationFailure failure = failureOf(() -> impatient.createDiscountCode(SHOP, SPEC));

    assertThat(failure.getType()).isEqualTo(PlatformFailure.UNAVAILABLE);
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getOriginalMessage()).contains("did not answer within", "create", SHOP);
  }

  @Test
  void connectionResetIsRetryableUnavailable() {
    bigCommerce.stubFor(
        get(urlPathEqualTo(COUPONS))
            .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    ApplicationFailure failure = failureOf(() -> activities.lookupDiscountCode(SHOP, CODE));

    assertThat(failure.getType()).isEqualTo(PlatformFailure.UNAVAILABLE);
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getOriginalMessage()).contains("connection", "look up", SHOP);
  }

  @Test
  void unparseableCouponListIsRetryableUnavailable() {
    bigCommerce.stubFor(
        get(urlEqualTo(LOOKUP_URL))
            .willReturn(aResponse().withStatus(200).withBody("{\"truncated\": [")));

    ApplicationFailure failure = failureOf(() -> activities.lookupDiscountCode(SHOP, CODE));

    assertThat(failure.getType()).isEqualTo(PlatformFailure.UNAVAILABLE);
    assertThat(failure.isNonRetryable()).isFalse();
  }

  @ParameterizedTest(name = "HTTP {0}")
  @ValueSource(ints = {401, 403})
  void rejectedCredentialsAreNotRetried(int status) {
    bigCommerce.stubFor(
        get(urlPathEqualTo(COUPONS))
            .willReturn(
                jsonWithStatus(
                    status,
                    "[{\"status\":" + status + ",\"message\":\"You don't have access\"}]")));

    ApplicationFailure failure = failureOf(() -> activities.revokeDiscountCode(SHOP, CODE));

    assertThat(failure.getType()).isEqualTo(PlatformFailure.CREDENTIALS_REJECTED);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage())
        .contains(
            "BigCommerce rejected the API credentials",
            SHOP,
            "HTTP " + status,
            "update the shop's access token");
  }

  @Test
  void unknownShopIsNotRetriedAndCallsNoPlatform() {
    ApplicationFailure failure =
        failureOf(() -> activities.revokeDiscountCode("store-zzz.mybigcommerce.com", CODE));

    assertThat(failure.getType()).isEqualTo(PlatformFailure.UNKNOWN_SHOP);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).contains("store-zzz.mybigcommerce.com", "revoke");
    assertThat(bigCommerce.getAllServeEvents()).isEmpty();
  }

  private static PlatformActivities activitiesWithTimeout(Duration requestTimeout) {
    return PlatformTestSupport.activities(
        new PlatformAccount(SHOP, PlatformKind.BIGCOMMERCE, bigCommerce.baseUrl() + STORE, TOKEN),
        requestTimeout);
  }

  private static ResponseDefinitionBuilder jsonWithStatus(int status, String body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }

  private static String coupon(long id, long uses) {
    return """
        {"id":%d,"name":"PointSaga reward","type":"per_total_discount","amount":"5.0000",
         "code":"%s","enabled":true,"num_uses":%d,"max_uses":1}
        """
        .formatted(id, CODE, uses);
  }

  private static String coupons(String... coupons) {
    return "[" + String.join(",", coupons) + "]";
  }
}
