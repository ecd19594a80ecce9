package io.pointsaga.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pointsaga.local.EmbeddedStack.Response;
import io.pointsaga.temporal.WorkflowIds;
import io.temporal.client.WorkflowClient;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SPEC §10 on the embedded stack: the simulated Shopify loses webhooks, one reconciliation brings
 * every balance to what the orders earn ({@link LossyOrders}); the API's runs, the note in the
 * shop's activity and the setting's bounds.
 */
class ReconciliationEndToEndTest {
  private static final String OPERATOR = "demo-operator-token";

  private static EmbeddedStack stack;

  @BeforeAll
  static void start() {
    stack = EmbeddedStack.get();
  }

  @Test
  void oneReconciliationRecoversWhatALossyPlatformDropped() throws Exception {
    LossyOrders.Shop shop = newInstalledShop();
    long seed = System.nanoTime();
    LossyOrders.Outcome outcome = scenario(shop).run(seed, 0.3, 0.3, 1_500);

    assertThat(outcome.ordersChecked()).isEqualTo(LossyOrders.ORDERS);
    assertThat(outcome.eventsRecovered()).as(outcome.toString()).isPositive();
    assertThat(outcome.eventsRecovered()).isLessThan(outcome.events());
    JsonNode notes =
        stack
            .call("GET", "/api/v1/shops/" + shop.domain() + "/activity", null, shop.adminToken())
            .body();
    assertThat(notes.toString()).contains("recovered " + outcome.eventsRecovered() + " event(s)");
  }

  @Test
  void everyDeliveryDroppedAndReconciliationAloneGivesEveryPoint() throws Exception {
    LossyOrders.Shop shop = newInstalledShop();
    long seed = System.nanoTime();
    LossyOrders.Outcome outcome = scenario(shop).run(seed, 1.0, 0, 0);

    assertThat(outcome.ordersChecked()).isEqualTo(LossyOrders.ORDERS);
    assertThat(outcome.eventsRecovered()).as(outcome.toString()).isEqualTo(outcome.events());

    // a second run finds nothing missing: the webhooks' keys and the run's are the same
    JsonNode again = scenario(shop).reconcile();
    assertThat(again.get("ordersChecked").asInt()).isEqualTo(LossyOrders.ORDERS);
    assertThat(again.get("eventsRecovered").asInt()).isZero();
  }

  @Test
  void theSagaRunsPerShopAndTheRunsAreListedNewestFirst() throws Exception {
    LossyOrders.Shop shop = newInstalledShop();
    String first = askForRun(shop);
    String second = askForRun(shop);
    java.time.Instant deadline = java.time.Instant.now().plusSeconds(20);
    JsonNode runs = runs(shop);
    while (!(runs.size() >= 2 && runs.get(0).get("status").asText().equals("COMPLETED"))
        && java.time.Instant.now().isBefore(deadline)) {
      Thread.sleep(100);
      runs = runs(shop);
    }
    // the two asked for, newest first (a shop just installed has nothing to reconcile before)
    assertThat(runs.size()).as(runs.toString()).isEqualTo(2);
    assertThat(runs.get(0).get("reconciliationId").asText()).isEqualTo(second);
    assertThat(runs.get(1).get("reconciliationId").asText()).isEqualTo(first);
    assertThat(runs.get(0).get("status").asText()).isEqualTo("COMPLETED");
    assertThat(runs.get(0).get("finishedAt").asText()).isNotEmpty();
    assertThat(runs.get(0).get("startedAt").asText()).isNotEmpty();
    assertThat(runs.get(0).get("ordersChecked").asInt()).isZero();
    WorkflowClient client = stack.context.getBean(WorkflowClient.class);
    assertThat(
            client
                .newUntypedWorkflowStub(WorkflowIds.reconcile(shop.domain()))
                .describe()
                .getStatus()
                .name())
        .isEqualTo("WORKFLOW_EXECUTION_STATUS_RUNNING");
  }

  @Test
  void theIntervalIsAtLeastFiveSecondsAndReadable() {
    LossyOrders.Shop shop = newInstalledShop();
    String settings = "/api/v1/shops/" + shop.domain() + "/settings";
    for (String bad : new String[] {"PT4S", "PT-15M", "15 minutes", "P31D", ""}) {
      Response answer =
          stack.call("PUT", settings, Map.of("reconciliationInterval", bad), shop.adminToken());
      assertThat(answer.status()).as(bad + ": " + answer.body()).isEqualTo(400);
      assertThat(answer.body().get("error").asText()).isNotBlank();
      assertThat(answer.body().get("message").asText()).contains("reconciliationInterval");
    }
    Response number =
        stack.call("PUT", settings, Map.of("reconciliationInterval", 900), shop.adminToken());
    assertThat(number.status()).as(String.valueOf(number.body())).isEqualTo(400);
    Response saved =
        stack.call("PUT", settings, Map.of("reconciliationInterval", "PT5S"), shop.adminToken());
    assertThat(saved.status()).as(String.valueOf(saved.body())).isEqualTo(200);
    assertThat(saved.body().get("reconciliationInterval").asText()).isEqualTo("PT5S");
    assertThat(
            stack
                .call("GET", settings, null, shop.adminToken())
                .body()
                .get("reconciliationInterval")
                .asText())
        .isEqualTo("PT5S");
    Response reset = stack.call("PUT", settings, Map.of(), shop.adminToken());
    assertThat(reset.body().get("reconciliationInterval").asText()).isEqualTo("PT15M");
  }

  private static JsonNode runs(LossyOrders.Shop shop) {
    return stack
        .call("GET", "/api/v1/shops/" + shop.domain() + "/reconciliations", null, shop.adminToken())
        .body()
        .get("runs");
  }

  private static String askForRun(LossyOrders.Shop shop) {
    Response asked =
        stack.call(
            "POST", "/api/v1/shops/" + shop.domain() + "/reconciliations", null, shop.adminToken());
    assertThat(asked.status()).as(String.valueOf(asked.body())).isEqualTo(202);
    return asked.body().get("reconciliationId").asText();
  }

  private static LossyOrders scenario(LossyOrders.Shop shop) {
    return new LossyOrders(
        (method, path, body, token) -> {
          Response r = stack.call(method, path, body, token);
          return new LossyOrders.Answer(r.status(), r.body());
        },
        shop);
  }

  /** A new shop on the sandbox, installed by the operator: its webhooks really reach PointSaga. */
  private static LossyOrders.Shop newInstalledShop() {
    String domain = "rcn-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com";
    String token = "shpat_" + UUID.randomUUID();
    String secret = "whsec-" + UUID.randomUUID();
    Response created =
        stack.call(
            "POST",
            "/sandbox/shops",
            Map.of(
                "domain", domain,
                "platform", "SHOPIFY",
                "accessToken", token,
                "webhookSecret", secret),
            null);
    assertThat(created.status()).isEqualTo(201);
    Response installed =
        stack.call(
            "POST",
            "/api/v1/shops",
            Map.of(
                "domain", domain,
                "platform", "SHOPIFY",
                "accessToken", token,
                "webhookSecret", secret,
                "apiBaseUrl", created.body().get("apiBaseUrl").asText()),
            OPERATOR);
    assertThat(installed.status()).as(String.valueOf(installed.body())).isEqualTo(201);
    String adminToken = installed.body().get("adminToken").asText();
    Response rule =
        stack.call(
            "PUT",
            "/api/v1/shops/" + domain + "/earning-rules/place-order",
            Map.of("pointsPerUnit", 1, "enabled", true),
            adminToken);
    assertThat(rule.status()).as(String.valueOf(rule.body())).isBetween(200, 201);
    return new LossyOrders.Shop(domain, adminToken, "", "/sandbox/shops/" + domain);
  }
}
