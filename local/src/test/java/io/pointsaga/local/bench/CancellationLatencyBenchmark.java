package io.pointsaga.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * End-to-end latency of cancelling an unused reward through the REST API: POST .../cancellation
 * until the answer says COMPLETED (following a 202 with GETs). Each run uses a fresh customer and
 * redemption; the set-up (adjustment, redemption) is not timed. Not a test: run it with {@code
 * bench/cancellation-latency.sh}, which starts the embedded mode.
 *
 * <p>Arguments: base URL, runs, warm-up runs. Prints p50 / p90 / p99 / max in milliseconds.
 */
public final class CancellationLatencyBenchmark {
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ObjectMapper json = new ObjectMapper();
  private final String api;
  private final String token;

  private CancellationLatencyBenchmark(String baseUrl, String shop, String token) {
    this.api = baseUrl + "/api/v1/shops/" + shop;
    this.token = token;
  }

  public static void main(String[] args) throws Exception {
    String baseUrl = args.length > 0 ? args[0] : "http://127.0.0.1:8080";
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 30;
    CancellationLatencyBenchmark bench =
        new CancellationLatencyBenchmark(
            baseUrl,
            System.getenv().getOrDefault("DEMO_SHOP_DOMAIN", "demo-shop.myshopify.com"),
            System.getenv().getOrDefault("DEMO_ADMIN_TOKEN", "demo-admin-token"));
    long reward = bench.send("GET", "/rewards", null).get(0).get("rewardId").asLong();
    for (int i = 0; i < warmup; i++) {
      bench.cancelOnce(reward, "warm" + i);
    }
    List<Double> millis = new ArrayList<>();
    String runId = Long.toString(System.currentTimeMillis(), 36);
    for (int i = 0; i < runs; i++) {
      millis.add(bench.cancelOnce(reward, "b" + runId + "-" + i));
    }
    Collections.sort(millis);
    System.out.printf(
        "cancellation of an unused reward, %d runs (after %d warm-up): p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
        runs,
        warmup,
        pct(millis, 50),
        pct(millis, 90),
        pct(millis, 99),
        millis.get(millis.size() - 1));
  }

  private double cancelOnce(long reward, String customer) throws Exception {
    send(
        "POST",
        "/customers/" + customer + "/adjustments",
        Map.of("points", 600, "note", "benchmark"));
    JsonNode redemption =
        send("POST", "/customers/" + customer + "/redemptions", Map.of("rewardId", reward));
    String path = "/redemptions/" + redemption.get("redemptionId").asText() + "/cancellation";
    long start = System.nanoTime();
    JsonNode answer = send("POST", path, Map.of("refundPointsAnyway", false));
    while (!"COMPLETED".equals(answer.get("status").asText())) {
      Thread.sleep(5);
      answer = send("GET", path, null);
    }
    double elapsed = (System.nanoTime() - start) / 1e6;
    if (!"CANCELLED".equals(answer.get("outcome").asText())) {
      throw new IllegalStateException("unexpected outcome: " + answer);
    }
    return elapsed;
  }

  private JsonNode send(String method, String path, Object body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(api + path))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 300 && response.statusCode() != 202) {
      throw new IllegalStateException(
          method + " " + path + " -> " + response.statusCode() + " " + response.body());
    }
    return json.readTree(response.body());
  }

  private static double pct(List<Double> sorted, int percentile) {
    int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
  }
}
