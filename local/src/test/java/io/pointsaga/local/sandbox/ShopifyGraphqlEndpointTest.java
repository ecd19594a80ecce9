package io.pointsaga.local.sandbox;

import static io.pointsaga.local.sandbox.SandboxClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The Shopify Admin GraphQL contract shared with the real Shopify adapter. */
@SandboxWebTest
class ShopifyGraphqlEndpointTest {

  @LocalServerPort int port;

  @Autowired SimulatedPlatform platform;

  SandboxClient client;

  @BeforeEach
  void registerShop() {
    client = SandboxClient.forNewShop(port, platform);
  }

  @Test
  void createdCodeIsActiveUnusedAndFoundByCode() {
    HttpResponse<String> created = client.create("WELCOME5", "$5 off", "5.00");

    assertThat(created.statusCode()).isEqualTo(200);
    assertThat(created.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    JsonNode payload = json(created).path("data").path("discountCodeBasicCreate");
    String id = payload.path("codeDiscountNode").path("id").asText();
    assertThat(id).matches("gid://shopify/DiscountCodeNode/\\d+");
    assertThat(payload.path("userErrors").isArray()).isTrue();
    assertThat(payload.path("userErrors")).isEmpty();

    assertThat(json(client.lookUp("WELCOME5")))
        .isEqualTo(
            json(
                """
                {"data":{"codeDiscountNodeByCode":{"id":"%s","codeDiscount":
                  {"__typename":"DiscountCodeBasic","status":"ACTIVE","asyncUsageCount":0}}}}"""
                    .formatted(id)));

    JsonNode shown = json(client.getCode("WELCOME5"));
    assertThat(shown.path("platformDiscountId").asText()).isEqualTo(id);
    assertThat(shown.path("title").asText()).isEqualTo("$5 off");
    assertThat(shown.path("amount").decimalValue()).isEqualByComparingTo("5.00");
    assertThat(shown.path("state").asText()).isEqualTo("ACTIVE");
    assertThat(shown.path("usageCount").asLong()).isZero();
    assertThat(shown.path("createdAt").asText()).isNotBlank();
  }

  @Test
  void nonAsciiTitleIsReadAsUtf8() {
    client.create("CAFE5", "Café: 5 € off", "5");

    assertThat(json(client.getCode("CAFE5")).path("title").asText()).isEqualTo("Café: 5 € off");
  }

  @Test
  void eachCodeGetsItsOwnId() {
    String first = client.createdId("FIRST");
    String second = client.createdId("SECOND");

    assertThat(first).isNotEqualTo(second);
  }

  @Test
  void codeIsTakenOnceCreatedWhateverItsCase() {
    client.createdId("SAVE5");

    HttpResponse<String> repeat = client.create("save5", "again", "5.00");

    assertThat(repeat.statusCode()).isEqualTo(200);
    assertThat(json(repeat))
        .isEqualTo(
            json(
                """
                {"data":{"discountCodeBasicCreate":{"codeDiscountNode":null,"userErrors":[
                  {"field":["basicCodeDiscount","code"],"code":"TAKEN",
                   "message":"Code must be unique. Please try a different code."}]}}}"""));
    assertThat(json(client.get("/discount-codes"))).hasSize(1);
  }

  @Test
  void deletedCodeStaysTaken() {
    client.delete(client.createdId("GONE5"));

    JsonNode repeat =
        json(client.create("GONE5", "$5 off", "5.00")).path("data").path("discountCodeBasicCreate");

    assertThat(repeat.path("codeDiscountNode").isNull()).isTrue();
    assertThat(repeat.path("userErrors").path(0).path("code").asText()).isEqualTo("TAKEN");
  }

  @Test
  void missingCodeTitleAndAmountAreBlankUserErrors() {
    HttpResponse<String> response =
        client.graphql(
            SandboxClient.CREATE_MUTATION,
            Map.of(
                "basicCodeDiscount",
                Map.of("code", " ", "customerGets", Map.of("items", Map.of("all", true)))));

    JsonNode payload = json(response).path("data").path("discountCodeBasicCreate");
    assertThat(payload.path("codeDiscountNode").isNull()).isTrue();
    assertThat(payload.path("userErrors").findValuesAsText("code"))
        .containsExactly("BLANK", "BLANK", "BLANK");
    assertThat(payload.path("userErrors").path(0).path("field"))
        .isEqualTo(json("[\"basicCodeDiscount\",\"code\"]"));
    assertThat(payload.path("userErrors").path(1).path("field"))
        .isEqualTo(json("[\"basicCodeDiscount\",\"title\"]"));
    assertThat(payload.path("userErrors").path(2).path("field").path(4).asText())
        .isEqualTo("amount");
    assertThat(json(client.get("/discount-codes"))).isEmpty();
  }

  @Test
  void amountThatIsNotPositiveIsInvalid() {
    JsonNode payload =
        json(client.create("FREE", "free", "0")).path("data").path("discountCodeBasicCreate");

    assertThat(payload.path("userErrors").path(0).path("code").asText()).isEqualTo("INVALID");
    assertThat(client.getCode("FREE").statusCode()).isEqualTo(404);
  }

  @Test
  void deactivatedCodeReportsExpiredAndDeactivatingAgainSucceeds() {
    String id = client.createdId("OLD5");

    HttpResponse<String> deactivated = client.deactivate(id);
    HttpResponse<String> deactivatedAgain = client.deactivate(id);

    JsonNode expected =
        json(
            """
                {"data":{"discountCodeDeactivate":{"codeDiscountNode":{"id":"%s"},"userErrors":[]}}}"""
                .formatted(id));
    assertThat(json(deactivated)).isEqualTo(expected);
    assertThat(json(deactivatedAgain)).isEqualTo(expected);
    JsonNode found = json(client.lookUp("old5")).path("data").path("codeDiscountNodeByCode");
    assertThat(found.path("id").asText()).isEqualTo(id);
    assertThat(found.path("codeDiscount").path("status").asText()).isEqualTo("EXPIRED");
    assertThat(json(client.getCode("OLD5")).path("state").asText()).isEqualTo("DEACTIVATED");
  }

  @Test
  void deactivatingAnUnknownIdIsInvalid() {
    HttpResponse<String> response = client.deactivate("gid://shopify/DiscountCodeNode/999999999");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response))
        .isEqualTo(
            json(
                """
                {"data":{"discountCodeDeactivate":{"codeDiscountNode":null,"userErrors":[
                  {"field":["id"],"code":"INVALID","message":"Discount does not exist"}]}}}"""));
  }

  @Test
  void deletedCodeIsNoLongerFoundNorDeactivatable() {
    String id = client.createdId("BYE5");

    HttpResponse<String> deleted = client.delete(id);

    assertThat(json(deleted))
        .isEqualTo(
            json(
                """
                {"data":{"discountCodeDelete":{"deletedCodeDiscountId":"%s","userErrors":[]}}}"""
                    .formatted(id)));
    assertThat(json(client.lookUp("BYE5")))
        .isEqualTo(json("{\"data\":{\"codeDiscountNodeByCode\":null}}"));
    assertThat(json(client.getCode("BYE5")).path("state").asText()).isEqualTo("DELETED");
    assertThat(
            json(client.deactivate(id))
                .path("data")
                .path("discountCodeDeactivate")
                .path("userErrors")
                .path(0)
                .path("code")
                .asText())
        .isEqualTo("INVALID");
    assertThat(
            json(client.delete(id))
                .path("data")
                .path("discountCodeDelete")
                .path("deletedCodeDiscountId")
                .isNull())
        .isTrue();
  }

  @Test
  void codeNeverCreatedIsNotFound() {
    HttpResponse<String> response = client.lookUp("NEVER");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response)).isEqualTo(json("{\"data\":{\"codeDiscountNodeByCode\":null}}"));
  }

  @Test
  void codesOfOneShopAreInvisibleToAnother() {
    client.createdId("MINE");
    SandboxClient otherShop = SandboxClient.forNewShop(port, platform);

    assertThat(json(otherShop.lookUp("MINE")).path("data").path("codeDiscountNodeByCode").isNull())
        .isTrue();
    assertThat(otherShop.createdId("MINE")).isNotBlank();
  }

  @Test
  void wrongOrMissingAccessTokenIsRejectedWith401AndChangesNothing() {
    String body =
        SandboxClient.body(
            SandboxClient.CREATE_MUTATION,
            SandboxClient.createVariables("SNEAKY", "$5 off", "5.00"));
    JsonNode expected =
        json(
            """
                {"errors":"[API] Invalid API key or access token (unrecognized login or wrong password)"}""");

    HttpResponse<String> wrongToken =
        client.send(client.graphqlRequest("shpat_wrong", body, Duration.ofSeconds(5)));
    HttpResponse<String> noToken =
        client.send(client.graphqlRequest(null, body, Duration.ofSeconds(5)));

    assertThat(wrongToken.statusCode()).isEqualTo(401);
    assertThat(json(wrongToken)).isEqualTo(expected);
    assertThat(noToken.statusCode()).isEqualTo(401);
    assertThat(json(noToken)).isEqualTo(expected);
    assertThat(client.getCode("SNEAKY").statusCode()).isEqualTo(404);
    assertThat(client.calls("createDiscountCode").path("received").asLong()).isZero();
  }

  @Test
  void unknownShopIs404Json() {
    SandboxClient unregistered = SandboxClient.forUnregisteredShop(port);

    HttpResponse<String> response = unregistered.lookUp("ANY");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(json(response).path("error").asText()).isEqualTo("shop_not_found");
    assertThat(json(response).path("message").asText()).contains(unregistered.shop());
  }

  @Test
  void fieldTheSandboxDoesNotKnowIsAGraphqlError() {
    HttpResponse<String> response =
        client.graphql("query { collections(first: 1) { edges { node { id } } } }", Map.of());

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode error = json(response).path("errors").path(0);
    assertThat(error.path("message").asText())
        .isEqualTo("Field 'collections' doesn't exist on type 'QueryRoot'");
    assertThat(error.path("extensions").path("code").asText()).isEqualTo("undefinedField");
  }

  @Test
  void theShopQueryAnswersTheShopsNameAndCurrency() {
    HttpResponse<String> response =
        client.graphql("query ShopCheck { shop { name currencyCode } }", Map.of());

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode shop = json(response).path("data").path("shop");
    assertThat(shop.path("currencyCode").asText()).isEqualTo("USD");
    assertThat(shop.path("name").asText()).isNotBlank();
  }

  @Test
  void webhookSubscriptionsAreCreatedOncePerTopicAndAddressAndListed() {
    String create =
        "mutation S($topic: WebhookSubscriptionTopic!, $webhookSubscription:"
            + " WebhookSubscriptionInput!) { webhookSubscriptionCreate(topic: $topic,"
            + " webhookSubscription: $webhookSubscription) { webhookSubscription { id topic uri }"
            + " userErrors { field message } } }";
    Map<String, Object> variables =
        Map.of(
            "topic",
            "ORDERS_PAID",
            "webhookSubscription",
            Map.of("uri", "http://localhost:1/webhooks/shopify", "format", "JSON"));

    JsonNode first = json(client.graphql(create, variables)).path("data");
    JsonNode second = json(client.graphql(create, variables)).path("data");
    JsonNode unknownTopic =
        json(
            client.graphql(
                create, Map.of("topic", "NOT_A_TOPIC", "webhookSubscription", Map.of())));
    JsonNode listed =
        json(client.graphql(
                "query L($first: Int!) { webhookSubscriptions(first: $first) { edges { node {"
                    + " id topic uri } } } }",
                Map.of("first", 10)))
            .path("data")
            .path("webhookSubscriptions")
            .path("edges");

    JsonNode created = first.path("webhookSubscriptionCreate").path("webhookSubscription");
    assertThat(created.path("id").asText()).startsWith("gid://shopify/WebhookSubscription/");
    assertThat(created.path("topic").asText()).isEqualTo("ORDERS_PAID");
    assertThat(second.at("/webhookSubscriptionCreate/userErrors/0/message").asText())
        .isEqualTo("Address for this topic has already been taken");
    assertThat(second.at("/webhookSubscriptionCreate/webhookSubscription").isNull()).isTrue();
    assertThat(unknownTopic.at("/errors/0/message").asText()).contains("$topic");
    assertThat(listed).hasSize(1);
    assertThat(listed.at("/0/node/uri").asText()).isEqualTo("http://localhost:1/webhooks/shopify");
  }

  @Test
  void missingVariableIsAGraphqlError() {
    HttpResponse<String> response = client.graphql(SandboxClient.LOOKUP_QUERY, Map.of());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).path("errors").path(0).path("message").asText())
        .isEqualTo("Variable $code of type String! was provided invalid value");
    assertThat(json(response).has("data")).isFalse();
  }

  @Test
  void malformedJsonIs400Json() {
    HttpResponse<String> response =
        client.send(
            client.graphqlRequest(
                SandboxClient.ACCESS_TOKEN, "{\"query\": ", Duration.ofSeconds(5)));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).path("error").asText()).isEqualTo("malformed_json");
    assertThat(json(response).path("message").asText())
        .startsWith("Request body is not valid JSON");
  }

  @Test
  void bodyWithoutQueryIs400Json() {
    HttpResponse<String> response =
        client.send(
            client.graphqlRequest(
                SandboxClient.ACCESS_TOKEN, "{\"variables\": {}}", Duration.ofSeconds(5)));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).path("field").asText()).isEqualTo("query");
  }
}
