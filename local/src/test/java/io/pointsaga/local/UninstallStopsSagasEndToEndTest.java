package io.pointsaga.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pointsaga.local.EmbeddedStack.Response;
import io.pointsaga.temporal.WorkflowIds;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * SPEC §9 over HTTP on the embedded stack: a cancellation waiting out a throttled platform (a
 * five-minute Retry-After) ends within seconds of {@code DELETE /api/v1/shops/{shop}}, without
 * calling the platform again, with its note, and nothing changed in the ledger.
 */
@Timeout(90)
class UninstallStopsSagasEndToEndTest {
  private static final String OPERATOR = "demo-operator-token";

  private static EmbeddedStack stack;

  @BeforeAll
  static void start() {
    stack = EmbeddedStack.get();
  }

  @Test
  void aCancellationStuckOnAFailingPlatformEndsPromptlyWithItsNoteWhenTheShopUninstalls()
      throws Exception {
    String shop = "uninstall-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com";
    String apiBaseUrl = simulated(shop);
    String adminToken = install(shop, apiBaseUrl);
    String customer = "c-" + UUID.randomUUID().toString().substring(0, 8);
    long reward =
        admin(
                shop,
                adminToken,
                "POST",
                "/rewards",
                Map.of("name", "$5 off", "pointsCost", 500, "discountAmount", 5))
            .body()
            .get("rewardId")
            .asLong();
    assertThat(
            admin(
                    shop,
                    adminToken,
                    "POST",
                    "/customers/" + customer + "/adjustments",
                    Map.of("points", 1200, "note", "welcome"))
                .status())
        .isEqualTo(201);
    Response redeemed =
        admin(
            shop,
            adminToken,
            "POST",
            "/customers/" + customer + "/redemptions",
            Map.of("rewardId", reward));
    assertThat(redeemed.status()).as(String.valueOf(redeemed.body())).isEqualTo(201);
    String redemptionId = redeemed.body().get("redemptionId").asText();
    String coupon = redeemed.body().get("couponCode").asText();
    // every revocation is throttled with a five-minute Retry-After
    Response fault =
        stack.call(
            "POST",
            "/sandbox/shops/" + shop + "/faults",
            Map.of(
                "operation",
                "revokeDiscountCode",
                "failures",
                100,
                "kind",
                "HTTP_429",
                "retryAfterSeconds",
                300),
            null);
    assertThat(fault.status()).isIn(200, 201);

    Response running =
        admin(
            shop,
            adminToken,
            "POST",
            "/redemptions/" + redemptionId + "/cancellation",
            Map.of("refundPointsAnyway", false));
    assertThat(running.status()).as(String.valueOf(running.body())).isEqualTo(202);
    assertThat(running.body().get("step").asText()).contains("Next attempt in 5 min");
    long revokesBefore = revokeCalls(shop);

    long uninstalledAt = System.nanoTime();
    Response uninstalled = stack.call("DELETE", "/api/v1/shops/" + shop, null, OPERATOR);
    assertThat(uninstalled.status()).isEqualTo(200);
    awaitClosed(WorkflowIds.cancelRedemption(shop, redemptionId));
    Duration stoppedWithin = Duration.ofNanos(System.nanoTime() - uninstalledAt);

    assertThat(stoppedWithin)
        .as("instead of the 300 s Retry-After")
        .isLessThan(Duration.ofSeconds(5));
    assertThat(revokeCalls(shop)).as("no call after the uninstall").isEqualTo(revokesBefore);
    assertThat(
            stack
                .call("GET", "/sandbox/shops/" + shop + "/discount-codes/" + coupon, null, null)
                .body()
                .get("state")
                .asText())
        .isEqualTo("ACTIVE");

    // the ledger stays: reinstalled, the admin reads the outcome, the note, and the same balance
    String newToken = install(shop, apiBaseUrl);
    Response ended =
        admin(shop, newToken, "GET", "/redemptions/" + redemptionId + "/cancellation", null);
    assertThat(ended.status()).isEqualTo(200);
    assertThat(ended.body().get("outcome").asText()).isEqualTo("PLATFORM_FAILED");
    assertThat(ended.body().get("message").asText())
        .contains("uninstalled PointSaga", coupon, "Nothing was changed");
    assertThat(
            admin(shop, newToken, "GET", "/customers/" + customer, null)
                .body()
                .get("pointsBalance")
                .asLong())
        .isEqualTo(700);
    assertThat(
            admin(shop, newToken, "GET", "/redemptions/" + redemptionId, null)
                .body()
                .get("status")
                .asText())
        .isEqualTo("ISSUED");
    System.out.printf("cancellation stopped %d ms after the uninstall%n", stoppedWithin.toMillis());
  }

  /** A new shop on the simulated Shopify: answers its API base address. */
  private static String simulated(String shop) {
    Response created =
        stack.call(
            "POST",
            "/sandbox/shops",
            Map.of("domain", shop, "platform", "SHOPIFY", "accessToken", token(shop)),
            null);
    assertThat(created.status()).isEqualTo(201);
    return created.body().get("apiBaseUrl").asText();
  }

  private static String token(String shop) {
    return "shpat_" + Integer.toHexString(shop.hashCode());
  }

  /** Installs the shop through the operator's API: answers its admin token. */
  private static String install(String shop, String apiBaseUrl) {
    Response installed =
        stack.call(
            "POST",
            "/api/v1/shops",
            Map.of(
                "domain",
                shop,
                "platform",
                "SHOPIFY",
                "accessToken",
                token(shop),
                "webhookSecret",
                "whsec-" + shop,
                "apiBaseUrl",
                apiBaseUrl),
            OPERATOR);
    assertThat(installed.status()).as(String.valueOf(installed.body())).isEqualTo(201);
    return installed.body().get("adminToken").asText();
  }

  private static Response admin(
      String shop, String token, String method, String path, Object body) {
    return stack.call(method, "/api/v1/shops/" + shop + path, body, token);
  }

  private static long revokeCalls(String shop) {
    JsonNode calls = stack.call("GET", "/sandbox/shops/" + shop + "/calls", null, null).body();
    return calls.path("revokeDiscountCode").path("received").asLong();
  }

  private static void awaitClosed(String workflowId) throws InterruptedException {
    WorkflowClient client = stack.context.getBean(WorkflowClient.class);
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (client.newUntypedWorkflowStub(workflowId).describe().getStatus()
        == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      assertThat(System.nanoTime())
          .as("waiting for " + workflowId + " to end")
          .isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
