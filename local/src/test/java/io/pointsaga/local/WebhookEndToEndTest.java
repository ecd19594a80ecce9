package io.pointsaga.local;

import static io.pointsaga.local.ShopifyWebhooks.assertUnknownCustomer;
import static io.pointsaga.local.ShopifyWebhooks.awaitBalance;
import static io.pointsaga.local.ShopifyWebhooks.balance;
import static io.pointsaga.local.ShopifyWebhooks.line;
import static io.pointsaga.local.ShopifyWebhooks.order;
import static io.pointsaga.local.ShopifyWebhooks.raw;
import static io.pointsaga.local.ShopifyWebhooks.refund;
import static io.pointsaga.local.ShopifyWebhooks.webhook;
import static io.pointsaga.local.ShopifyWebhooks.webhookExpecting;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pointsaga.local.EmbeddedStack.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Shopify webhooks over HTTP on the embedded stack (SPEC §3, §5): signature, inbox, duplicates, the
 * refund sagas, and Temporal going away and coming back with no delivery lost.
 */
class WebhookEndToEndTest {
  private static final String SECRET = "demo-webhook-secret";
  private static EmbeddedStack stack;

  @BeforeAll
  static void start() {
    stack = EmbeddedStack.get();
  }

  private static String newCustomer() {
    return String.valueOf(Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L));
  }

  private static String newOrder() {
    return String.valueOf(
        Math.abs(UUID.randomUUID().getLeastSignificantBits() % 1_000_000_000_000L));
  }

  @Test
  void seed004WalkthroughToThePoint() {
    String customer = newCustomer();
    String orderId = newOrder();
    stack.api(
        "POST", "/customers/" + customer + "/adjustments", Map.of("points", 1000, "note", "start"));
    long reward = stack.api("GET", "/rewards", null).body().get(0).get("rewardId").asLong();
    JsonNode redemption =
        stack
            .api("POST", "/customers/" + customer + "/redemptions", Map.of("rewardId", reward))
            .body();
    String coupon = redemption.get("couponCode").asText();
    assertThat(balance(customer)).isEqualTo(500);

    Map<String, Object> paid =
        order(
            orderId,
            customer,
            List.of(line(1, "10.00", "2.50"), line(2, "10.00", "2.50")),
            List.of(coupon));
    assertThat(webhook("orders/paid", paid, SECRET, "e-" + orderId).status()).isEqualTo(200);
    assertThat(awaitBalance(customer, b -> b == 515)).isEqualTo(515);

    assertThat(
            webhook("refunds/create", refund(71, orderId, 1, "10.00"), SECRET, "r71-" + orderId)
                .status())
        .isEqualTo(200);
    assertThat(awaitBalance(customer, b -> b == 505)).isEqualTo(505);

    assertThat(
            webhook("refunds/create", refund(72, orderId, 2, "5.00"), SECRET, "r72-" + orderId)
                .status())
        .isEqualTo(200);
    assertThat(awaitBalance(customer, b -> b == 1000)).isEqualTo(1000);

    JsonNode r =
        stack.api("GET", "/redemptions/" + redemption.get("redemptionId").asText(), null).body();
    assertThat(r.get("status").asText()).isEqualTo("REFUNDED");
    Response cancel =
        stack.api(
            "POST",
            "/redemptions/" + redemption.get("redemptionId").asText() + "/cancellation",
            Map.of());
    assertThat(cancel.body().get("outcome").asText()).isEqualTo("ALREADY_REFUNDED");
    JsonNode notes =
        stack.api("GET", "/customers/" + customer + "/activity", null).body().get("entries");
    assertThat(notes.findValuesAsText("note"))
        .anyMatch(n -> n.contains("order " + orderId) && n.contains("AWARDED"));
  }

  @Test
  void aBadOrMissingSignatureIs401AndRecordsNothing() throws Exception {
    String customer = newCustomer();
    String orderId = newOrder();
    Map<String, Object> paid = order(orderId, customer, List.of(line(1, "50.00", null)), List.of());

    Response wrong = webhookExpecting(401, "orders/paid", paid, "not-the-secret", "bad-" + orderId);
    Response missing =
        raw("orders/paid", stack.json.writeValueAsBytes(paid), "", "missing-" + orderId);

    assertThat(wrong.body().get("error").asText()).isEqualTo("invalid_signature");
    assertThat(missing.status()).isEqualTo(401);
    // The inbox is written before the answer: with no row, no saga can ever see these deliveries.
    assertThat(StoredRows.inbox(orderId)).isEmpty();
    assertThat(StoredRows.appliedEvents(orderId)).isEmpty();
    assertUnknownCustomer(customer);
  }

  @Test
  void aMalformedBodyIs400() throws Exception {
    Response notJson = webhookRaw("orders/paid", "{not json");
    Response noId =
        webhookExpecting(
            400, "orders/paid", Map.of("line_items", List.of()), SECRET, "noid-" + newOrder());

    assertThat(notJson.status()).isEqualTo(400);
    assertThat(notJson.body().get("error").asText()).isEqualTo("malformed_webhook");
    assertThat(noId.body().get("message").asText()).contains("id");
  }

  private static Response webhookRaw(String topic, String body) throws Exception {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return raw(
        topic,
        bytes,
        Base64.getEncoder().encodeToString(mac.doFinal(bytes)),
        "raw-" + UUID.randomUUID());
  }

  @Test
  void aDuplicateDeliveryIs200WithNoSecondEffect() {
    String customer = newCustomer();
    String orderId = newOrder();
    Map<String, Object> paid = order(orderId, customer, List.of(line(1, "40.00", null)), List.of());

    Response first = webhook("orders/paid", paid, SECRET, "dup-" + orderId);
    Response sameDelivery = webhook("orders/paid", paid, SECRET, "dup-" + orderId);
    Response sameBusinessEvent = webhook("orders/paid", paid, SECRET, "other-event-" + orderId);

    assertThat(first.body().get("status").asText()).isEqualTo("accepted");
    assertThat(sameDelivery.status()).isEqualTo(200);
    assertThat(sameDelivery.body().get("status").asText()).isEqualTo("duplicate");
    assertThat(sameBusinessEvent.body().get("status").asText()).isEqualTo("duplicate");
    assertThat(awaitBalance(customer, b -> b == 40)).isEqualTo(40);
    // Processing has finished: the one recorded delivery was handed over and its event applied;
    // the duplicates were never recorded, so nothing else can still come.
    assertThat(
            StoredRows.awaitInbox(
                orderId, rows -> rows.stream().allMatch(r -> r.status().equals("DISPATCHED"))))
        .extracting(StoredRows.InboxRow::deliveryKey)
        .containsExactly("dup-" + orderId);
    assertThat(StoredRows.appliedEvents(orderId)).containsExactly("paid");
    assertThat(balance(customer)).isEqualTo(40);
    long earnEntries =
        stack
            .api("GET", "/customers/" + customer + "/activity", null)
            .body()
            .get("entries")
            .findValuesAsText("kind")
            .stream()
            .filter("EARN"::equals)
            .count();
    assertThat(earnEntries).isEqualTo(1);
  }

  @Test
  void deliveriesWhileTemporalIsUnreachableAreAppliedOnceItIsBack() {
    String customer = newCustomer();
    String orderId = newOrder();
    stack.temporal.disconnect();
    try {
      Instant before = Instant.now();
      Response paid =
          webhook(
              "orders/paid",
              order(
                  orderId,
                  customer,
                  List.of(line(1, "30.00", null), line(2, "20.00", null)),
                  List.of()),
              SECRET,
              "down-" + orderId);
      Response refunded =
          webhook("refunds/create", refund(91, orderId, 2, "20.00"), SECRET, "down-r-" + orderId);
      assertThat(Duration.between(before, Instant.now())).isLessThan(Duration.ofSeconds(2));
      assertThat(paid.body().get("status").asText()).isEqualTo("accepted");
      assertThat(refunded.body().get("status").asText()).isEqualTo("accepted");
      // Wait until the relay has taken both rows (claimed: it is trying to hand them over, and
      // cannot, Temporal being cut off): only then is "nothing applied" a finding, not a race.
      StoredRows.awaitInbox(
          orderId,
          rows ->
              rows.size() == 2
                  && rows.stream()
                      .allMatch(r -> r.status().equals("PENDING") && r.attempts() >= 1));
      assertThat(StoredRows.appliedEvents(orderId)).isEmpty();
      assertUnknownCustomer(customer);
    } finally {
      stack.temporal.connect();
    }
    assertThat(awaitBalance(customer, b -> b == 30)).isEqualTo(30);
  }
}
