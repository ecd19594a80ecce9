package io.pointsaga.platform;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
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
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShopifyDiscountClientTest {

  @RegisterExtension
  static final WireMockExtension shopify =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final String SHOP = "demo.myshopify.com";
  private static final String TOKEN = "shpat_test_0123";
  private static final String CODE = "RWD-7K2Q";
  private static final String GID = "gid://shopify/DiscountCodeNode/123";
  // The simulated platform serves shops under a path prefix; the adapter must keep it.
  private static final String GRAPHQL = "/sandbox/shops/demo/admin/api/2025-10/graphql.json";

  private static final String CREATE =
      "discountCodeBasicCreate(basicCodeDiscount: $basicCodeDiscount)";
  private static final String LOOKUP = "codeDiscountNodeByCode(code: $code)";
  private static final String DEACTIVATE = "discountCodeDeactivate(id: $id)";

  private static final DiscountCodeSpec SPEC =
      new DiscountCodeSpec(CODE, "PointSaga reward: 5.00 off", new BigDecimal("5.00"), "7001");

  private final PlatformActivities activities = activitiesWithTimeout(TEST_REQUEST_TIMEOUT);

  @Test
  void createSendsTheBasicCodeDiscountAndReturnsTheNodeId() {
    answer(CREATE, okJson(created(GID)));
    Instant before = Instant.now().minusSeconds(1);

    PlatformDiscount discount = activities.createDiscountCode(SHOP, SPEC);

    assertThat(discount).isEqualTo(new PlatformDiscount(GID, CODE));
    LoggedRequest request = onlyRequest(CREATE);
    assertThat(request.getHeader("X-Shopify-Access-Token")).isEqualTo(TOKEN);
    assertThat(request.getHeader("Content-Type")).startsWith("application/json");
    JsonNode body = json(request.getBodyAsString());
    JsonNode input = body.path("variables").path("basicCodeDiscount");
    assertThat(input.path("code").asText()).isEqualTo(CODE);
    assertThat(input.path("title").asText()).isEqualTo(SPEC.title());
    assertThat(Instant.parse(input.path("startsAt").asText())).isBetween(before, Instant.now());
    assertThat(input.at("/context/customers/add/0").asText())
        .isEqualTo("gid://shopify/Customer/7001");
    assertThat(input.at("/customerGets/value/discountAmount/amount").textValue()).isEqualTo("5.00");
    assertThat(input.at("/customerGets/value/discountAmount/appliesOnEachItem").isBoolean())
        .isTrue();
    assertThat(input.at("/customerGets/value/discountAmount/appliesOnEachItem").booleanValue())
        .isFalse();
    assertThat(input.at("/customerGets/items/all").booleanValue()).isTrue();
    assertThat(input.path("usageLimit").intValue()).isEqualTo(1);
    assertThat(input.path("appliesOncePerCustomer").booleanValue()).isTrue();
    assertThat(body.path("query").asText())
        .contains("codeDiscountNode { id }", "userErrors { field code message }");
  }

  @Test
  void createWithoutCustomerIsForAllCustomers() {
    answer(CREATE, okJson(created(GID)));

    activities.createDiscountCode(
        SHOP, new DiscountCodeSpec(CODE, "reward", new BigDecimal("5"), null));

    JsonNode input = json(onlyRequest(CREATE).getBodyAsString()).at("/variables/basicCodeDiscount");
    assertThat(input.at("/context/all").asText()).isEqualTo("ALL");
    assertThat(input.at("/context/customers").isMissingNode()).isTrue();
    assertThat(input.at("/customerGets/value/discountAmount/amount").textValue()).isEqualTo("5.00");
  }

  @Test
  void createRepeatWhoseCodeIsTakenReturnsTheExistingId() {
    answer(
        CREATE,
        okJson(
            """
            {"data":{"discountCodeBasicCreate":{"codeDiscountNode":null,"userErrors":[
              {"field":["basicCodeDiscount","code"],"code":"TAKEN",
               "message":"Code must be unique."}]}}}
            """));
    answer(LOOKUP, okJson(found(GID, "ACTIVE", 0)));

    PlatformDiscount discount = activities.createDiscountCode(SHOP, SPEC);

    assertThat(discount).isEqualTo(new PlatformDiscount(GID, CODE));
    assertThat(json(onlyRequest(LOOKUP).getBodyAsString()).at("/variables/code").asText())
        .isEqualTo(CODE);
  }

  @Test
  void createRefusedWithUserErrorsIsRejectedForGood() {
    answer(
        CREATE,
        okJson(
            """
            {"data":{"discountCodeBasicCreate":{"codeDiscountNode":null,"userErrors":[
              {"field":["basicCodeDiscount","customerGets"],"code":"INVALID",
               "message":"Discount amount exceeds the maximum"}]}}}
            """));

    ApplicationFailure failure = failureOf(() -> activities.createDiscountCode(SHOP, SPEC));

    assertThat(failure.getType()).isEqualTo(PlatformFailure.REJECTED);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage())
        .contains(SHOP, CODE, "Discount amount exceeds the maximum", "INVALID");
  }

  @Test
  void amountWithFractionsOfACentIsRejectedWithoutCallingShopify() {
    DiscountCodeSpec spec = new DiscountCodeSpec(CODE, "reward", new BigDecimal("4.995"), null);

    ApplicationFailure failure = failureOf(() -> activities.createDiscountCode(SHOP, spec));

    assertThat(failure.getType()).isEqualTo(PlatformFailure.REJECTED);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).contains("4.995", SHOP);
    assertThat(shopify.getAllServeEvents()).isEmpty();
  }

  @Test
  void lookupOfAnActiveUnusedCode() {
    answer(LOOKUP, okJson(found(GID, "ACTIVE", 0)));

    DiscountCodeStatus status = activities.lookupDiscountCode(SHOP, CODE);

    assertThat(status).isEqualTo(new DiscountCodeStatus(true, GID, true, 0));
    assertThat(status.used()).isFalse();
    JsonNode body = json(onlyRequest(LOOKUP).getBodyAsString());
    assertThat(body.at("/variables/code").asText()).isEqualTo(CODE);
    assertThat(body.path("query").asText())
        .contains("... on DiscountCodeBasic { status asyncUsageCount }");
  }

  @Test
  void lookupOfAUsedCode() {
    answer(LOOKUP, okJson(found(GID, "EXPIRED", 1)));

    DiscountCodeStatus status = activities.lookupDiscountCode(SHOP, CODE);

    assertThat(status).isEqualTo(new DiscountCodeStatus(true, GID, false, 1));
    assertThat(status.used()).isTrue();
  }

  @Test
  void lookupOfAnUnknownCodeIsUntracked() {
    answer(LOOKUP, okJson("{\"data\":{\"codeDiscountNodeByCode\":null}}"));

    assertThat(activities.lookupDiscountCode(SHOP, CODE)).isEqualTo(DiscountCodeStatus.untracked());
  }

  @Test
  void revokeDeactivatesTheCodeFoundByLookup() {
    answer(LOOKUP, okJson(found(GID, "ACTIVE", 0)));
    answer(DEACTIVATE, okJson(deactivated(GID)));

    assertThat(activities.revokeDiscountCode(SHOP, CODE)).isEqualTo(RevocationResult.REVOKED);

    LoggedRequest deactivate = onlyRequest(DEACTIVATE);
    assertThat(json(deactivate.getBodyAsString()).at("/variables/id").asText()).isEqualTo(GID);
    assertThat(deactivate.getHeader("X-Shopify-Access-Token")).isEqualTo(TOKEN);
  }

  @Test
  void revokeOfAnUnknownCodeIsAlreadyGoneWithoutDeactivating() {
    answer(LOOKUP, okJson("{\"data\":{\"codeDiscountNodeByCode\":null}}"));

    assertThat(activities.revokeDiscountCode(SHOP, CODE)).isEqualTo(RevocationResult.ALREADY_GONE);
    assertThat(requests(DEACTIVATE)).isEmpty();
  }

  @Test
  void revokeOfACodeDeletedSinceTheLookupIsAlreadyGone() {
    answer(LOOKUP, okJson(found(GID, "ACTIVE", 0)));
    answer(
        DEACTIVATE,
        okJson(
            """
            {"data":{"discountCodeDeactivate":{"codeDiscountNode":null,"userErrors":[
              {"field":["id"],"code":null,"message":"Discount does not exist"}]}}}
            """));

    assertThat(activities.revokeDiscountCode(SHOP, CODE)).isEqualTo(RevocationResult.ALREADY_GONE);
  }

  @Test
  void http429IsThrottledForTheRetryAfterSeconds() {
    answer(LOOKUP, aResponse().withStatus(429).withHeader("Retry-After", "7"));

    ApplicationFailure failure = failureOf(() -> activities.lookupDiscountCode(SHOP, CODE));

    assertThat(failure.getType()).isEqualTo(PlatformFailure.THROTTLED);
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(7));
    assertThat(failure.getOriginalMessage()).contains(SHOP, CODE, "429");
  }

  @ParameterizedTest(name = "cost {0}, available {1}, restore {2}/s -> wait {3} s")
  @CsvSource({"10, 5, 100.0, 1", "1000, 50, 100.0, 10", "2000, 0.5, 50.0, 40"})
  void graphqlThrottledWaitsUntilTheCostIsRestored(
      String requested, String available, String restoreRate, long expectedSeconds) {
    answer(
        CREATE,
        okJson(
            """
            {"errors":[{"message":"Throttled","extensions":{"code":"THROTTLED"}}],
             "extensions":{"cost":{"requestedQueryCost":%s,"throttleStatus":
               {"maximumAvailable":2000.0,"currentlyAvailable":%s,"restoreRate":%s}}}}
            """
                .formatted(requested, available, restoreRate)));

    ApplicationFailure failure = failureOf(() -> activities.createDiscountCode(SHOP, SPEC));

    assertThat(failure.getType()).isEqualTo(PlatformFailure.THROTTLED);
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(expectedSeconds));
  }

  @Test
  void graphqlThrottledWithoutCostWaitsOneSecond() {
    answer(
        LOOKUP,
        okJson(
            """
            {"errors":[{"message":"Throttled","extensions":{"code":"THROTTLED"}}]}
            """));

    ApplicationFailure failure = failureOf(() -> activities.lookupDiscountCode(SHOP, CODE));

    assertThat(failure.getType()).isEqualTo(PlatformFailure.THROTTLED);
    assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void otherGraphqlErrorsAreRejected() {
    answer(
        LOOKUP,
        okJson(
            """
            {"errors":[{
              "message":"Field 'asyncUsageCount' doesn't exist on type 'DiscountCodeBasic'",
              "extensions":{"code":"undefinedField"}}]}
            """));

    ApplicationFailure failure = failureOf(() -> activities.lookupDiscountCode(SHOP, CODE));

    assertThat(failure.getType()).isEqualTo(PlatformFailure.REJECTED);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).contains("asyncUsageCount' doesn't exist", SHOP);
  }

  @Test
  void serverErrorIsRetryableUnavailable() {
    answer(CREATE, aResponse().withStatus(503).withBody("upstream connect error"));

    ApplicationFailure failure = failureOf(() -> activities.createDiscountCode(SHOP, SPEC));

    assertThat(failure.getType()).isEqualTo(PlatformFailure.UNAVAILABLE);
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getOriginalMessage()).contains("503", "upstream connect error", SHOP, CODE);
  }

  @Test
  void slowAnswerTimesOutAsRetryableUnavailable() {
    answer(LOOKUP, okJson(found(GID, "ACTIVE", 0)).withFixedDelay(1_500));
    PlatformActivities impatient = activitiesWithTimeout(SHORT_REQUEST_TIMEOUT);
    long start = System.nanoTime();

    ApplicationFailure failure = failureOf(() -> impatient.lookupDiscountCode(SHOP, CODE));

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1_400));
    assertThat(failure.getType()).isEqualTo(PlatformFailure.UNAVAILABLE);
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getOriginalMessage()).contains("did not answer within", SHOP, "look up");
  }

  @Test
  void connectionResetIsRetryableUnavailable() {
    answer(CREATE, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

    ApplicationFailure failure = failureOf(() -> activities.createDiscountCode(SHOP, SPEC));

    assertThat(failure.getType()).isEqualTo(PlatformFailure.UNAVAILABLE);
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getOriginalMessage()).contains("connection", SHOP, CODE);
  }

  @Test
  void unparseableBodyIsRetryableUnavailable() {
    answer(LOOKUP, aResponse().withStatus(200).withBody("<html>Bad gateway</html>"));

    ApplicationFailure failure = failureOf(() -> activities.lookupDiscountCode(SHOP, CODE));

    assertThat(failure.getType()).isEqualTo(PlatformFailure.UNAVAILABLE);
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getOriginalMessage()).contains("not JSON", "<html>Bad gateway</html>");
  }

  @Test
  void rejectedCredentialsAreNotRetried() {
    answer(
        LOOKUP,
        aResponse()
            .withStatus(401)
            .withBody("{\"errors\":\"[API] Invalid API key or access token\"}"));

    ApplicationFailure failure = failureOf(() -> activities.revokeDiscountCode(SHOP, CODE));

    assertThat(failure.getType()).isEqualTo(PlatformFailure.CREDENTIALS_REJECTED);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage())
        .contains(
            "rejected the API credentials",
            SHOP,
            "HTTP 401",
            "Invalid API key",
            "update the shop's access token");
  }

  @Test
  void unknownShopIsNotRetriedAndCallsNoPlatform() {
    ApplicationFailure failure =
        failureOf(() -> activities.lookupDiscountCode("elsewhere.myshopify.com", CODE));

    assertThat(failure.getType()).isEqualTo(PlatformFailure.UNKNOWN_SHOP);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).contains("elsewhere.myshopify.com", CODE);
    assertThat(shopify.getAllServeEvents()).isEmpty();
  }

  private static PlatformActivities activitiesWithTimeout(Duration requestTimeout) {
    return PlatformTestSupport.activities(
        new PlatformAccount(
            SHOP, PlatformKind.SHOPIFY, shopify.baseUrl() + "/sandbox/shops/demo", TOKEN),
        requestTimeout);
  }

  private static void answer(String rootField, ResponseDefinitionBuilder response) {
    shopify.stubFor(
        post(urlEqualTo(GRAPHQL))
            .withRequestBody(matchingJsonPath("$.query", containing(rootField)))
            .willReturn(response));
  }

  private static List<LoggedRequest> requests(String rootField) {
    return shopify.findAll(
        postRequestedFor(urlEqualTo(GRAPHQL))
            .withRequestBody(matchingJsonPath("$.query", containing(rootField))));
  }

  private static LoggedRequest onlyRequest(String rootField) {
    List<LoggedRequest> requests = requests(rootField);
    assertThat(requests).hasSize(1);
    return requests.get(0);
  }

  private static String created(String gid) {
    return """
        {"data":{"discountCodeBasicCreate":{"codeDiscountNode":{"id":"%s"},"userErrors":[]}}}
        """
        .formatted(gid);
  }

  private static String found(String gid, String status, long usage) {
    return """
        {"data":{"codeDiscountNodeByCode":{"id":"%s","codeDiscount":
          {"__typename":"DiscountCodeBasic","status":"%s","asyncUsageCount":%d}}}}
        """
        .formatted(gid, status, usage);
  }

  private static String deactivated(String gid) {
    return """
        {"data":{"discountCodeDeactivate":{"codeDiscountNode":{"id":"%s"},"userErrors":[]}}}
        """
        .formatted(gid);
  }
}
