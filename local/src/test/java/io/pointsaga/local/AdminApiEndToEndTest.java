package io.pointsaga.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pointsaga.local.EmbeddedStack.Response;
import io.pointsaga.platform.PlatformKind;
import io.pointsaga.shop.Shop;
import io.pointsaga.shop.Shops;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The admin REST API's contract (SPEC §5) on the embedded stack: auth, errors, idempotency. */
class AdminApiEndToEndTest {
  private static EmbeddedStack stack;

  @BeforeAll
  static void start() {
    stack = EmbeddedStack.get();
  }

  private static String newCustomer() {
    return "c" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void requestsWithoutAValidTokenAre401WithAJsonError() {
    Response none =
        stack.call("GET", "/api/v1/shops/" + EmbeddedStack.SHOP + "/activity", null, null);
    Response wrong =
        stack.call("GET", "/api/v1/shops/" + EmbeddedStack.SHOP + "/activity", null, "nope");

    assertThat(none.status()).isEqualTo(401);
    assertThat(none.body().get("error").asText()).isEqualTo("unauthorized");
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.body().get("message").asText()).contains("not valid");
  }

  @Test
  void anotherShopsObjectsAreInvisible() {
    Shops shops = stack.context.getBean(Shops.class);
    Shop other =
        shops.upsert(
            "other-shop.myshopify.com",
            PlatformKind.SHOPIFY,
            "http://127.0.0.1:1",
            "x",
            "y",
            "USD");
    shops.addAdminToken(other.id(), "other-token", "test");
    String customer = newCustomer();
    stack.api(
        "POST", "/customers/" + customer + "/adjustments", Map.of("points", 10, "note", "mine"));

    Response viaPath =
        stack.call(
            "GET",
            "/api/v1/shops/" + EmbeddedStack.SHOP + "/customers/" + customer,
            null,
            "other-token");
    Response viaOwnShop =
        stack.call(
            "GET",
            "/api/v1/shops/other-shop.myshopify.com/customers/" + customer,
            null,
            "other-token");

    assertThat(viaPath.status()).isEqualTo(404);
    assertThat(viaOwnShop.status()).isEqualTo(404);
    assertThat(viaOwnShop.body().get("error").asText()).isEqualTo("not_found");
  }

  @Test
  void adjustmentsMoveTheBalanceAndShowInBothActivities() {
    String customer = newCustomer();
    Response added =
        stack.api(
            "POST",
            "/customers/" + customer + "/adjustments",
            Map.of("points", 300, "note", "goodwill"));
    Response removed =
        stack.api(
            "POST",
            "/customers/" + customer + "/adjustments",
            Map.of("points", -100, "note", "correction"));

    assertThat(added.status()).isEqualTo(201);
    assertThat(removed.body().get("balanceAfter").asLong()).isEqualTo(200);
    JsonNode customerView = stack.api("GET", "/customers/" + customer, null).body();
    assertThat(customerView.get("customerId").asText()).isEqualTo(customer);
    assertThat(customerView.get("pointsBalance").asLong()).isEqualTo(200);
    assertThat(customerView.has("vipTier")).isTrue();
    JsonNode entries =
        stack.api("GET", "/customers/" + customer + "/activity", null).body().get("entries");
    assertThat(entries.get(0).get("note").asText()).isEqualTo("correction");
    assertThat(entries.get(0).get("points").asLong()).isEqualTo(-100);
    assertThat(entries.get(0).get("balanceAfter").asLong()).isEqualTo(200);
    assertThat(entries.get(0).get("kind").asText()).isEqualTo("MANUAL_ADJUSTMENT");
    assertThat(entries.get(0).has("createdAt")).isTrue();
    assertThat(entries.get(1).get("note").asText()).isEqualTo("goodwill");
    JsonNode shopEntries = stack.api("GET", "/activity?limit=500", null).body().get("entries");
    assertThat(shopEntries.findValuesAsText("customerId")).contains(customer);
  }

  @Test
  void anAdjustmentRepeatedWithItsIdempotencyKeyAppliesOnce() {
    String customer = newCustomer();
    String path = "/api/v1/shops/" + EmbeddedStack.SHOP + "/customers/" + customer + "/adjustments";
    Map<String, Object> body = Map.of("points", 40, "note", "once");
    Response first = stack.callWithHeader("POST", path, body, "Idempotency-Key", "adj-1");
    Response again = stack.callWithHeader("POST", path, body, "Idempotency-Key", "adj-1");

    assertThat(first.status()).isEqualTo(201);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body().get("applied").asBoolean()).isFalse();
    assertThat(again.body().get("entryId").asLong())
        .isEqualTo(first.body().get("entryId").asLong());
    assertThat(
            stack.api("GET", "/customers/" + customer, null).body().get("pointsBalance").asLong())
        .isEqualTo(40);
  }

  @Test
  void badInputGetsAClearJsonError() {
    String customer = newCustomer();
    Response malformed = stack.api("POST", "/customers/" + customer + "/adjustments", "{not json");
    Response zero =
        stack.api(
            "POST", "/customers/" + customer + "/adjustments", Map.of("points", 0, "note", "x"));
    Response noNote =
        stack.api("POST", "/customers/" + customer + "/adjustments", Map.of("points", 5));
    Response overdraw =
        stack.api(
            "POST", "/customers/" + customer + "/adjustments", Map.of("points", -5, "note", "x"));
    Response badReward =
        stack.api("POST", "/rewards", Map.of("name", "x", "pointsCost", -1, "discountAmount", 5));
    Response unknownCustomer = stack.api("GET", "/customers/nobody-" + customer, null);
    Response unknownRedemption = stack.api("GET", "/redemptions/rdm_unknown", null);

    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.body().get("error").asText()).isEqualTo("malformed_request");
    assertThat(zero.status()).isEqualTo(400);
    assertThat(zero.body().get("message").asText()).contains("points");
    assertThat(noNote.status()).isEqualTo(400);
    assertThat(noNote.body().get("message").asText()).contains("note");
    assertThat(overdraw.status()).isEqualTo(422);
    assertThat(overdraw.body().get("error").asText()).isEqualTo("insufficient_points");
    assertThat(badReward.status()).isEqualTo(400);
    assertThat(unknownCustomer.status()).isEqualTo(404);
    assertThat(unknownRedemption.status()).isEqualTo(404);
    assertThat(unknownRedemption.body().get("message").asText()).contains("rdm_unknown");
  }

  @Test
  void redeemingWithoutEnoughPointsIs422AndChangesNothing() {
    String customer = newCustomer();
    stack.api(
        "POST", "/customers/" + customer + "/adjustments", Map.of("points", 100, "note", "few"));
    long reward = stack.api("GET", "/rewards", null).body().get(0).get("rewardId").asLong();

    Response refused =
        stack.api("POST", "/customers/" + customer + "/redemptions", Map.of("rewardId", reward));

    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.body().get("error").asText()).isEqualTo("insufficient_points");
    assertThat(
            stack.api("GET", "/customers/" + customer, null).body().get("pointsBalance").asLong())
        .isEqualTo(100);
  }

  @Test
  void theDemoShopIsSeededAsSpecified() {
    JsonNode rewards = stack.api("GET", "/rewards", null).body();
    assertThat(rewards.findValuesAsText("name")).contains("$5 off");
    JsonNode demoReward = rewards.get(0);
    assertThat(demoReward.get("pointsCost").asLong()).isEqualTo(500);
    Response health = stack.call("GET", "/actuator/health", null, null);
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.body().get("status").asText()).isEqualTo("UP");
  }

  @Test
  void couponCreationRefusedForGoodGivesThePointsBackWithANote() {
    Shops shops = stack.context.getBean(Shops.class);
    // A shop whose platform token the simulated platform does not accept: creation fails with 401.
    String domain = "bad-credentials.myshopify.com";
    Shop shop =
        shops.upsert(
            domain,
            PlatformKind.SHOPIFY,
            stack.baseUrl + "/sandbox/shops/" + EmbeddedStack.SHOP,
            "wrong-token",
            "secret",
            "USD");
    shops.addAdminToken(shop.id(), "bad-credentials-token", "test");
    String base = "/api/v1/shops/" + domain;
    Response reward =
        stack.call(
            "POST",
            base + "/rewards",
            Map.of("name", "$5", "pointsCost", 500, "discountAmount", 5),
            "bad-credentials-token");
    stack.call(
        "POST",
        base + "/customers/c1/adjustments",
        Map.of("points", 800, "note", "start"),
        "bad-credentials-token");

    Response failed =
        stack.call(
            "POST",
            base + "/customers/c1/redemptions",
            Map.of("rewardId", reward.body().get("rewardId").asLong()),
            "bad-credentials-token");

    assertThat(failed.status()).isEqualTo(502);
    assertThat(failed.body().get("error").asText()).isEqualTo("coupon_failed");
    assertThat(failed.body().get("message").asText()).containsIgnoringCase("credentials");
    JsonNode customer =
        stack.call("GET", base + "/customers/c1", null, "bad-credentials-token").body();
    assertThat(customer.get("pointsBalance").asLong()).isEqualTo(800);
    // With the credentials refused, nobody can confirm the coupon was never created: flagged.
    assertThat(customer.get("redemptions").get(0).get("status").asText())
        .isEqualTo("NEEDS_FOLLOW_UP");
    assertThat(customer.get("redemptions").get(0).get("refundedAt").isNull()).isFalse();
    JsonNode entries =
        stack
            .call("GET", base + "/customers/c1/activity", null, "bad-credentials-token")
            .body()
            .get("entries");
    assertThat(entries.get(0).get("kind").asText()).isEqualTo("REDEMPTION_REVERSAL");
    assertThat(entries.get(0).get("note").asText()).contains("could not be created");
    assertThat(entries.findValuesAsText("kind")).contains("FOLLOW_UP_REQUIRED");
    String redemptionId = customer.get("redemptions").get(0).get("redemptionId").asText();
    Response cancelled =
        stack.call(
            "POST",
            base + "/redemptions/" + redemptionId + "/cancellation",
            Map.of("refundPointsAnyway", true),
            "bad-credentials-token");
    assertThat(cancelled.body().get("outcome").asText()).isEqualTo("ALREADY_REFUNDED");
    assertThat(
            stack
                .call("GET", base + "/customers/c1", null, "bad-credentials-token")
                .body()
                .get("pointsBalance")
                .asLong())
        .isEqualTo(800);
  }
}
