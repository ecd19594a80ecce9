package io.pointsaga.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * End-to-end latency of cancelling an unused reward through the REST API: {@code POST
 * .../cancellation} until the answer says COMPLETED (following a 202 with GETs), outcome CANCELLED.
 * Each run has a fresh customer and redemption; that set-up (adjustment, redemption) is not timed.
 */
final class CancellationRuns {
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ObjectMapper json = new ObjectMapper();
  private final String api;
  private final String token;
  private final String runId = Long.toString(System.nanoTime(), 36);

  CancellationRuns(String baseUrl, String shop, String adminToken) {
    this.api = baseUrl + "/api/v1/shops/" + shop;
    this.token = adminToken;
  }

  /** {@code warmup} untimed cancellations, then {@code runs} timed ones. */
  Latencies measure(int runs, int warmup) throws Exception {
    long reward = send("GET", "/rewards", null).get(0).get("rewardId").asLong();
    for (int i = 0; i < warmup; i++) {
      cancelOnce(reward, "bench-warm-" + runId + "-" + i);
    }
    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      millis.add(cancelOnce(reward, "bench-" + runId + "-" + i));
    }
    return Latencies.of(millis);
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
            .timeout(Duration.ofSeconds(60))
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
}
