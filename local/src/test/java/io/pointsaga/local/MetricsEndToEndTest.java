package io.pointsaga.local;

import static io.pointsaga.local.ShopifyWebhooks.awaitBalance;
import static io.pointsaga.local.ShopifyWebhooks.line;
import static io.pointsaga.local.ShopifyWebhooks.order;
import static io.pointsaga.local.ShopifyWebhooks.webhook;
import static io.pointsaga.local.ShopifyWebhooks.webhookExpecting;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pointsaga.local.EmbeddedStack.Response;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /actuator/prometheus} on the embedded stack (SPEC §12): closed without the operator token,
 * and the business series move by exactly what a webhook, an adjustment, a redemption and its
 * cancellation did; a repeat delivery counts as a delivery but never as points.
 */
class MetricsEndToEndTest {
  private static final String SECRET = "demo-webhook-secret";
  private static final String OPERATOR = "demo-operator-token";
  private static EmbeddedStack stack;

  @BeforeAll
  static void start() {
    stack = EmbeddedStack.get();
  }

  @Test
  void prometheusNeedsTheOperatorToken() throws Exception {
    assertThat(get("/actuator/prometheus", null).statusCode()).isEqualTo(401);
    HttpResponse<String> wrong = get("/actuator/prometheus", "demo-admin-token");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.body()).contains("\"error\":\"unauthorized\"").doesNotContain("pointsaga_");
    HttpResponse<String> operator = get("/actuator/prometheus", OPERATOR);
    assertThat(operator.statusCode()).isEqualTo(200);
    assertThat(operator.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
    assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);
  }

  @Test
  void businessSeriesMoveByExactlyWhatHappened() throws Exception {
    PrometheusScrape before = settled();
    String customer =
        String.valueOf(Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L));
    String orderId =
        String.valueOf(Math.abs(UUID.randomUUID().getLeastSignificantBits() % 1_000_000_000_000L));

    // an adjustment, sent twice with one Idempotency-Key; a redemption and its cancellation
    String adjustments =
        "/api/v1/shops/" + EmbeddedStack.SHOP + "/customers/" + customer + "/adjustments";
    Map<String, Object> adjustment = Map.of("points", 600, "note", "metrics");
    assertThat(
            stack
                .callWithHeader("POST", adjustments, adjustment, "Idempotency-Key", "m-" + customer)
                .status())
        .isEqualTo(201);
    assertThat(
            stack
                .callWithHeader("POST", adjustments, adjustment, "Idempotency-Key", "m-" + customer)
                .status())
        .as("the repeat answers the first result")
        .isEqualTo(200);
    long reward = stack.api("GET", "/rewards", null).body().get(0).get("rewardId").asLong();
    JsonNode redemption =
        stack
            .api("POST", "/customers/" + customer + "/redemptions", Map.of("rewardId", reward))
            .body();
    long spent = redemption.get("pointsSpent").asLong();
    Response cancelled =
        stack.api(
            "POST",
            "/redemptions/" + redemption.get("redemptionId").asText() + "/cancellation",
            Map.of());
    assertThat(cancelled.body().path("outcome").asText())
        .as(cancelled.body().toString())
        .isEqualTo("CANCELLED");

    // an order paid, delivered three times: once, again with the same event id, again with another
    Map<String, Object> paid = order(orderId, customer, List.of(line(1, "40.00", null)), List.of());
    assertThat(webhook("orders/paid", paid, SECRET, "m-" + orderId).body().get("status").asText())
        .isEqualTo("accepted");
    awaitBalance(customer, b -> b == 640);
    assertThat(webhook("orders/paid", paid, SECRET, "m-" + orderId).body().get("status").asText())
        .isEqualTo("duplicate");
    assertThat(webhook("orders/paid", paid, SECRET, "m2-" + orderId).body().get("status").asText())
        .isEqualTo("duplicate");
    webhookExpecting(401, "orders/paid", paid, "not-the-secret", "m3-" + orderId);

    PrometheusScrape after =
        awaitScrape(
            s ->
                delta(before, s, "pointsaga_cancellations_total", "outcome", "CANCELLED") >= 1
                    && delta(before, s, "pointsaga_points_total", "kind", "EARN") >= 40);
    Thread.sleep(500); // a second count of the repeats would show by now
    after = scrape();

    assertThat(delta(before, after, "pointsaga_points_total", "kind", "MANUAL_ADJUSTMENT"))
        .isEqualTo(600);
    assertThat(delta(before, after, "pointsaga_points_total", "kind", "REDEEM")).isEqualTo(spent);
    assertThat(delta(before, after, "pointsaga_points_total", "kind", "REDEMPTION_REFUND"))
        .isEqualTo(spent);
    assertThat(delta(before, after, "pointsaga_points_total", "kind", "EARN"))
        .as("the repeated deliveries earned nothing")
        .isEqualTo(40);
    assertThat(delta(before, after, "pointsaga_cancellations_total", "outcome", "CANCELLED"))
        .isEqualTo(1);
    String webhooks = "pointsaga_webhooks_total";
    assertThat(
            delta(
                before,
                after,
                webhooks,
                "platform",
                "shopify",
                "topic",
                "orders/paid",
                "result",
                "accepted"))
        .isEqualTo(1);
    assertThat(
            delta(
                before,
                after,
                webhooks,
                "platform",
                "shopify",
                "topic",
                "orders/paid",
                "result",
                "duplicate"))
        .isEqualTo(2);
    assertThat(
            delta(
                before,
                after,
                webhooks,
                "platform",
                "shopify",
                "topic",
                "orders/paid",
                "result",
                "unauthorized"))
        .isEqualTo(1);
    assertThat(
            delta(
                before,
                after,
                "pointsaga_webhook_acknowledgement_seconds_count",
                "platform",
                "shopify",
                "result",
                "duplicate"))
        .isEqualTo(2);
    assertThat(
            delta(
                before,
                after,
                "pointsaga_webhook_acknowledgement_seconds_bucket",
                "platform",
                "shopify",
                "result",
                "accepted",
                "le",
                "5.0"))
        .as("the acknowledgement came within Shopify's 5 s")
        .isEqualTo(1);
    assertThat(after.has("pointsaga_attention_open")).isTrue();
    assertThat(after.value("pointsaga_attention_open", "kind", "WEBHOOK_REJECTED"))
        .isGreaterThanOrEqualTo(0);
    assertThat(after.names())
        .as("no series is tagged with a shop or a customer")
        .allSatisfy(name -> assertThat(name).doesNotContain(customer));
    assertThat(after.series().keySet())
        .noneMatch(
            k ->
                k.startsWith("pointsaga_")
                    && (k.contains(customer) || k.contains(orderId) || k.contains("demo-shop")));
  }

  @Test
  void theTemporalSdkSeriesAndEverySeriesTheDashboardsQueryArePresent() throws Exception {
    // a saga of each kind runs: an order paid (workflow task, local activities), a redemption and
    // its cancellation (activities); the SDK's scope reports to Micrometer every 10 s
    String customer =
        String.valueOf(Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L));
    String orderId =
        String.valueOf(Math.abs(UUID.randomUUID().getLeastSignificantBits() % 1_000_000_000_000L));
    webhook(
        "orders/paid",
        order(orderId, customer, List.of(line(1, "512.00", null)), List.of()),
        SECRET,
        "t-" + orderId);
    awaitBalance(customer, b -> b == 512);
    long reward = stack.api("GET", "/rewards", null).body().get(0).get("rewardId").asLong();
    JsonNode redemption =
        stack
            .api("POST", "/customers/" + customer + "/redemptions", Map.of("rewardId", reward))
            .body();
    stack.api(
        "POST",
        "/redemptions/" + redemption.get("redemptionId").asText() + "/cancellation",
        Map.of());

    List<String> dashboardSeries =
        java.nio.file.Files.readAllLines(
                java.nio.file.Path.of("../deploy/grafana/emitted-series.txt"))
            .stream()
            .map(String::strip)
            .filter(line -> !line.isEmpty() && !line.startsWith("#"))
            .toList();
    assertThat(dashboardSeries)
        .contains("temporal_workflow_task_schedule_to_start_latency_seconds_bucket");
    PrometheusScrape scrape = awaitScrape(s -> s.names().containsAll(dashboardSeries));
    java.nio.file.Files.writeString(
        java.nio.file.Path.of("target/prometheus-scrape.txt"), String.join("\n", scrape.names()));
    assertThat(scrape.names()).containsAll(dashboardSeries);
  }

  private static double delta(
      PrometheusScrape before, PrometheusScrape after, String name, String... labels) {
    return after.value(name, labels) - before.value(name, labels);
  }

  /** A scrape once the counters stopped moving (sagas of earlier tests may still be finishing). */
  private static PrometheusScrape settled() throws Exception {
    PrometheusScrape last = scrape();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (Instant.now().isBefore(deadline)) {
      Thread.sleep(300);
      PrometheusScrape next = scrape();
      if (pointsagaCounters(next).equals(pointsagaCounters(last))) {
        return next;
      }
      last = next;
    }
    return last;
  }

  private static Map<String, Double> pointsagaCounters(PrometheusScrape scrape) {
    Map<String, Double> counters = new java.util.TreeMap<>();
    scrape
        .series()
        .forEach(
            (k, v) -> {
              if (k.startsWith("pointsaga_points_total")
                  || k.startsWith("pointsaga_cancellations_total")) {
                counters.put(k, v);
              }
            });
    return counters;
  }

  private static PrometheusScrape awaitScrape(Predicate<PrometheusScrape> done) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    PrometheusScrape scrape = scrape();
    while (!done.test(scrape)) {
      assertThat(Instant.now())
          .as("waiting for the series; last scrape: " + scrape.names())
          .isBefore(deadline);
      Thread.sleep(200);
      scrape = scrape();
    }
    return scrape;
  }

  private static PrometheusScrape scrape() throws Exception {
    HttpResponse<String> response = get("/actuator/prometheus", OPERATOR);
    assertThat(response.statusCode()).isEqualTo(200);
    return PrometheusScrape.parse(response.body());
  }

  private static HttpResponse<String> get(String path, String token)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(stack.baseUrl + path)).timeout(Duration.ofSeconds(30));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return stack.http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
  }
}
