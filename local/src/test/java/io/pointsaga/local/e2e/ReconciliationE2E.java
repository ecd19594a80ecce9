package io.pointsaga.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.pointsaga.earning.EarningRules;
import io.pointsaga.local.LossyOrders;
import io.pointsaga.platform.PlatformKind;
import io.pointsaga.reconciliation.ReconciliationState;
import io.pointsaga.reconciliation.ReconciliationWorkflow;
import io.pointsaga.shop.Shop;
import io.pointsaga.shop.Shops;
import io.pointsaga.temporal.WorkflowIds;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * SPEC §10's lossy proof on a real Temporal server, worker and starter in their own JVMs: the
 * simulated Shopify drops 30%, duplicates 30% and delays its webhooks for 100 random orders; one
 * reconciliation (the saga {@code reconcile/{shop}} on the worker) brings every balance to what the
 * orders earn.
 */
class ReconciliationE2E {

  @Test
  void oneReconciliationRecoversWhatALossyPlatformDroppedOnTheRealServer() throws Exception {
    E2EStack stack = E2EStack.get();
    LossyOrders.Shop shop = shopOfItsOwn(stack);

    LossyOrders.Outcome outcome =
        new LossyOrders(
                (method, url, body, token) -> {
                  E2EStack.Response r = stack.call(method, url, body, token);
                  return new LossyOrders.Answer(r.status(), r.body());
                },
                shop)
            .run(System.nanoTime(), 0.3, 0.3, 1_500);

    assertThat(outcome.ordersChecked()).isEqualTo(LossyOrders.ORDERS);
    assertThat(outcome.eventsRecovered()).as(outcome.toString()).isPositive();
    ReconciliationState state =
        stack
            .client
            .newWorkflowStub(ReconciliationWorkflow.class, WorkflowIds.reconcile(shop.domain()))
            .state();
    assertThat(state.shopDomain()).isEqualTo(shop.domain());
    assertThat(state.eventsRecovered()).isEqualTo(outcome.eventsRecovered());
  }

  /**
   * A Shopify shop on the simulated platform whose webhooks reach the starter (subscriptions made
   * on the platform as the install would), and the same shop in PointSaga with 1 point per unit.
   */
  private static LossyOrders.Shop shopOfItsOwn(E2EStack stack) throws Exception {
    String domain = "rcn-e2e-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com";
    String token = "shpat_" + UUID.randomUUID();
    String secret = "whsec-" + UUID.randomUUID();
    String adminToken = "rcn-admin-" + UUID.randomUUID();
    String platformRoot =
        stack.sandboxUrl.substring(0, stack.sandboxUrl.indexOf("/sandbox/shops/"));
    String apiBaseUrl =
        stack
            .call(
                "POST",
                platformRoot + "/sandbox/shops",
                Map.of(
                    "domain", domain,
                    "platform", "SHOPIFY",
                    "accessToken", token,
                    "webhookSecret", secret),
                null)
            .ok()
            .get("apiBaseUrl")
            .asText();
    Shops shops = new Shops(stack.jdbc);
    Shop shop = shops.upsert(domain, PlatformKind.SHOPIFY, apiBaseUrl, token, secret, "USD");
    shops.addAdminToken(shop.id(), adminToken, "reconciliation e2e");
    new EarningRules(stack.jdbc, Clock.systemUTC())
        .putPlaceOrderRule(shop.id(), BigDecimal.ONE, true);
    for (String topic : new String[] {"ORDERS_PAID", "REFUNDS_CREATE", "ORDERS_CANCELLED"}) {
      String mutation =
          "mutation Subscribe($topic: WebhookSubscriptionTopic!, $webhookSubscription:"
              + " WebhookSubscriptionInput!) { webhookSubscriptionCreate(topic: $topic,"
              + " webhookSubscription: $webhookSubscription) { webhookSubscription { id }"
              + " userErrors { message } } }";
      String body =
          stack.json.writeValueAsString(
              Map.of(
                  "query",
                  mutation,
                  "variables",
                  Map.of(
                      "topic",
                      topic,
                      "webhookSubscription",
                      Map.of("uri", stack.baseUrl + "/webhooks/shopify", "format", "JSON"))));
      HttpResponse<String> answer =
          stack.http.send(
              HttpRequest.newBuilder(URI.create(apiBaseUrl + "/admin/api/2025-10/graphql.json"))
                  .header("Content-Type", "application/json")
                  .header("X-Shopify-Access-Token", token)
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      assertThat(answer.body()).contains("\"userErrors\":[]");
    }
    return new LossyOrders.Shop(domain, adminToken, stack.baseUrl, apiBaseUrl);
  }
}
