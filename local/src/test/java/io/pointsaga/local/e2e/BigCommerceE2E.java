package io.pointsaga.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pointsaga.local.e2e.E2EStack.InstalledShop;
import io.pointsaga.local.e2e.E2EStack.Response;
import io.pointsaga.temporal.WorkflowIds;
import io.temporal.common.WorkflowExecutionHistory;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A BigCommerce store on the real Temporal server: created on the simulated BigCommerce platform
 * and installed by the operator (hooks registered there); orders, status changes, refunds and a
 * cancellation made in the sandbox reach the starter only as the store's hook deliveries (ids
 * only), and the worker's order saga reads the details back from the store's API. A redemption's
 * coupon is deleted on the store when the redemption is cancelled. The operator uninstalls the
 * store: its deliveries are then ignored.
 */
class BigCommerceE2E {
  private static E2EStack stack;
  private static InstalledShop store;

  @BeforeAll
  static void installTheStore() {
    stack = E2EStack.get();
    String hash = "e2e" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    store =
        stack.installSandboxShop(
            "BIGCOMMERCE",
            "store-" + hash + ".mybigcommerce.com",
            "bc-e2e-token",
            "bc-e2e-webhook-secret");
    List<String> statuses = new ArrayList<>();
    store
        .install()
        .get("webhookSubscriptions")
        .forEach(s -> statuses.add(s.get("status").asText()));
    assertThat(statuses).hasSize(3).containsOnly("ACTIVE");
    admin("PUT", "/earning-rules/place-order", Map.of("pointsPerUnit", 1, "enabled", true)).ok();
  }

  @Test
  void anOrderEarnsWhenCompletedAndRefundsClawBackTheirShare() throws Exception {
    String customer = stack.newCustomer();
    JsonNode order =
        order(
            Map.of(
                "customerId",
                customer,
                "statusId",
                7, // Awaiting Payment: no points yet
                "lines",
                List.of(line("40.00", 1), line("20.00", 1)),
                "shipping",
                "5.00"));
    String orderId = order.get("orderId").asText();
    sandbox("POST", "/orders/" + orderId + "/status", Map.of("statusId", 10)).ok();
    assertThat(awaitBalance(customer, b -> b == 60)).isEqualTo(60);

    sandbox("POST", "/orders/" + orderId + "/refunds", refund(order, 1)).ok();
    assertThat(awaitBalance(customer, b -> b == 40)).isEqualTo(40);

    sandbox("POST", "/orders/" + orderId + "/refunds", refund(order, 0)).ok();
    assertThat(awaitBalance(customer, b -> b == 0)).isEqualTo(0);
    assertThat(entryKinds(customer)).containsExactly("REFUND_CLAWBACK", "REFUND_CLAWBACK", "EARN");

    // The saga ran on the real server and read the order from the simulated store's API.
    WorkflowExecutionHistory history =
        new Histories(stack.client).history(WorkflowIds.order(store.domain(), orderId));
    assertThat(Histories.activityTypes(history))
        .as(Histories.describe(history))
        .contains("PlatformResolve", "OrderApply");
    JsonNode calls = sandbox("GET", "/calls", null).ok();
    assertThat(calls.path("readOrder").path("received").asLong()).isPositive();
    assertThat(calls.path("readRefunds").path("received").asLong()).isPositive();
  }

  @Test
  void aCancelledRedemptionDeletesItsCouponOnTheStoreAndACancelledOrderLosesItsPoints()
      throws Exception {
    String customer = stack.newCustomer();
    long rewardId =
        admin(
                "POST",
                "/rewards",
                Map.of(
                    "name",
                    "BC $5 off",
                    "pointsCost",
                    500,
                    "discountAmount",
                    new BigDecimal("5.00")))
            .ok()
            .get("rewardId")
            .asLong();
    admin("POST", "/customers/" + customer + "/adjustments", Map.of("points", 600, "note", "e2e"))
        .ok();
    JsonNode redemption =
        admin("POST", "/customers/" + customer + "/redemptions", Map.of("rewardId", rewardId)).ok();
    String code = redemption.get("couponCode").asText();
    assertThat(sandbox("GET", "/discount-codes/" + code, null).ok().get("state").asText())
        .isEqualTo("ACTIVE");

    JsonNode cancelled =
        awaitCancellation(redemption.get("redemptionId").asText(), Duration.ofSeconds(60));
    assertThat(cancelled.get("outcome").asText()).isEqualTo("CANCELLED");
    assertThat(sandbox("GET", "/discount-codes/" + code, null).ok().get("state").asText())
        .isEqualTo("DELETED");
    assertThat(awaitBalance(customer, b -> b == 600)).isEqualTo(600);

    // An order cancelled in the control panel is refunded first: its points go with it.
    JsonNode order = order(Map.of("customerId", customer, "lines", List.of(line("25.00", 2))));
    assertThat(awaitBalance(customer, b -> b == 650)).isEqualTo(650);
    JsonNode cancel =
        sandbox("POST", "/orders/" + order.get("orderId").asText() + "/cancel", null).ok();
    assertThat(cancel.get("refundId").asText()).isNotBlank();
    assertThat(awaitBalance(customer, b -> b == 600)).isEqualTo(600);
  }

  @Test
  void afterTheOperatorUninstallsAStoreItsDeliveriesAreIgnored() throws Exception {
    InstalledShop other =
        stack.installSandboxShop(
            "BIGCOMMERCE",
            "store-e2eu"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 6)
                + ".mybigcommerce.com",
            "bc-e2e-token-2",
            "bc-e2e-webhook-secret-2");
    Response uninstalled =
        stack.call(
            "DELETE",
            stack.baseUrl + "/api/v1/shops/" + other.domain(),
            null,
            E2EStack.OPERATOR_TOKEN);
    assertThat(uninstalled.ok().get("status").asText()).isEqualTo("UNINSTALLED");

    String base = stack.platformUrl + "/shops/" + other.domain();
    String orderId =
        stack
            .call(
                "POST",
                base + "/orders",
                Map.of("customerId", 3, "lines", List.of(line("9.00", 1))),
                null)
            .ok()
            .get("orderId")
            .asText();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    List<JsonNode> sent = List.of();
    while (sent.isEmpty() && Instant.now().isBefore(deadline)) {
      Thread.sleep(100);
      List<JsonNode> found = new ArrayList<>();
      stack
          .call("GET", base + "/webhook-deliveries", null, null)
          .ok()
          .forEach(
              d -> {
                if (d.get("orderId").asText().equals(orderId)
                    && d.get("outcome").asText().equals("SENT")) {
                  found.add(d);
                }
              });
      sent = found;
    }
    assertThat(sent).as("the store delivered the order's status event").hasSize(1);
    assertThat(sent.get(0).get("status").asInt()).isEqualTo(200);
    assertThat(
            stack
                .jdbc
                .sql("select count(*) from webhook_inbox where order_id = ?")
                .param(orderId)
                .query(Long.class)
                .single())
        .as("an uninstalled store's delivery is ignored, not kept")
        .isZero();
    assertThat(
            stack
                .call(
                    "GET",
                    stack.baseUrl + "/api/v1/shops/" + other.domain() + "/activity",
                    null,
                    other.adminToken())
                .status())
        .isEqualTo(401);
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private static Map<String, Object> line(String price, int quantity) {
    return Map.of("price", price, "quantity", quantity);
  }

  private static Map<String, Object> refund(JsonNode order, int line) {
    return Map.of(
        "lines",
        List.of(
            Map.of(
                "lineItemId", order.get("lineItems").get(line).get("id").asText(), "quantity", 1)));
  }

  private static JsonNode order(Map<String, Object> body) {
    Response created = sandbox("POST", "/orders", body);
    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    return created.body();
  }

  private static Response sandbox(String method, String path, Object body) {
    return stack.call(method, stack.platformUrl + "/shops/" + store.domain() + path, body, null);
  }

  private static Response admin(String method, String path, Object body) {
    return stack.call(
        method, stack.baseUrl + "/api/v1/shops/" + store.domain() + path, body, store.adminToken());
  }

  private static OptionalLong balance(String customer) {
    Response r = admin("GET", "/customers/" + customer, null);
    if (r.status() == 404) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(r.ok().get("pointsBalance").asLong());
  }

  private static long awaitBalance(String customer, LongPredicate done)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    OptionalLong balance = balance(customer);
    while ((balance.isEmpty() || !done.test(balance.getAsLong()))
        && Instant.now().isBefore(deadline)) {
      Thread.sleep(100);
      balance = balance(customer);
    }
    assertThat(balance)
        .as("balance of %s at %s\n%s", customer, store.domain(), stack.logTails())
        .isPresent();
    return balance.getAsLong();
  }

  private static List<String> entryKinds(String customer) {
    return admin("GET", "/customers/" + customer + "/activity", null)
        .ok()
        .get("entries")
        .findValuesAsText("kind");
  }

  private static JsonNode awaitCancellation(String redemptionId, Duration timeout)
      throws InterruptedException {
    String path = "/redemptions/" + redemptionId + "/cancellation";
    Response answer = admin("POST", path, Map.of("refundPointsAnyway", false));
    Instant deadline = Instant.now().plus(timeout);
    while (!E2EStack.completed(answer) && Instant.now().isBefore(deadline)) {
      assertThat(E2EStack.stillRunning(answer)).as("%s", answer).isTrue();
      Thread.sleep(250);
      answer = admin("GET", path, null);
    }
    assertThat(E2EStack.completed(answer)).as("%s\n%s", answer, stack.logTails()).isTrue();
    return answer.body();
  }
}
