package io.pointsaga.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proof 4(c) without the Temporal CLI (issue 10): the embedded mode, as its own JVM with the
 * in-memory Temporal server, is killed with SIGKILL in the middle of a burst of webhooks while a
 * cancellation is running, then started again on the same data folder. The orphaned PostgreSQL is
 * stopped, deliveries recorded but not handled are handed over again, the cancellation is restarted
 * from the database, the platform's retries and redeliveries are answered, and every event is
 * applied exactly once: balances equal an independent computation from the orders, each order's
 * entries add up to what it keeps, and the ledger audit finds nothing.
 */
class KillNineRestartTest {
  private static final long SEED = Long.getLong("pointsaga.test.seed", 20261130L);
  private static final Duration START_LIMIT = Duration.ofMinutes(3);

  @TempDir Path data;
  @TempDir Path logs;
  private EmbeddedModeProcess running;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @AfterEach
  void stopEverything() throws Exception {
    if (running != null && running.alive()) {
      running.stop();
    }
    EmbeddedModeProcess.stopOrphans(data); // what a kill left, if the test ended early
  }

  @Test
  void killedInTheMiddleOfABurstAndStartedAgainAppliesEveryEventExactlyOnce() throws Exception {
    EmbeddedModeProcess first = start("first.log");
    String cancellation = runningCancellation(first.baseUrl());
    WebhookBurst burst = WebhookBurst.of(40, SEED);

    burst.send(first.baseUrl(), burst.deliveries() / 2, first::kill);
    int acknowledgedBeforeTheKill = burst.acknowledged();

    assertThat(first.alive()).isFalse();
    EmbeddedModeProcess second = start("second.log");
    assertThat(Files.readString(second.log()))
        .as("the orphaned PostgreSQL of the killed run is found and stopped")
        .contains("is still running from a previous start that did not shut down; stopping it");
    int resent = burst.resend(second.baseUrl(), 10);
    burst.assertEveryEventAppliedOnce(second.baseUrl(), Duration.ofMinutes(3));
    JsonNode cancelled = awaitCompleted(second.baseUrl(), cancellation);

    assertThat(cancelled.get("outcome").asText())
        .as("restarted from the database; the simulated platform forgot the code with the kill")
        .isEqualTo("REWARD_UNTRACKED");
    System.out.printf(
        "E2E note: kill -9 without the CLI: %d of %d deliveries acknowledged before the kill,"
            + " %d handed over again at start, %d sent again by the platform; restart to UP in %d ms"
            + " (first start %d ms)%n",
        acknowledgedBeforeTheKill,
        burst.deliveries(),
        second.deliveriesHandedOverAgain().orElse(-1),
        resent,
        second.startup().toMillis(),
        first.startup().toMillis());
    second.stop();
    assertThat(Files.readString(second.log()))
        .as("a clean stop: workers before the servers")
        .doesNotContain("failed to call shutdown worker")
        .doesNotContain("Failure in poller thread")
        .doesNotContain("terminating connection due to administrator command");
  }

  private EmbeddedModeProcess start(String log) throws Exception {
    running = EmbeddedModeProcess.start(data, Optional.empty(), logs.resolve(log), p -> {});
    return running.awaitUp(START_LIMIT);
  }

  /**
   * A cancellation still running when the process dies: the platform fails every lookup of the
   * code, so the saga retries with backoff.
   */
  private String runningCancellation(String base) throws Exception {
    String shop = base + "/api/v1/shops/" + WebhookBurst.SHOP;
    call("POST", shop + "/customers/7100/adjustments", Map.of("points", 600, "note", "to redeem"));
    long reward = call("GET", shop + "/rewards", null).get(0).get("rewardId").asLong();
    JsonNode redemption =
        call("POST", shop + "/customers/7100/redemptions", Map.of("rewardId", reward));
    String id = redemption.get("redemptionId").asText();
    call(
        "POST",
        base + "/sandbox/shops/" + WebhookBurst.SHOP + "/faults",
        Map.of("operation", "lookupDiscountCode", "failures", 1000, "kind", "HTTP_500"));
    HttpResponse<String> started =
        send(
            "POST",
            shop + "/redemptions/" + id + "/cancellation",
            Map.of("refundPointsAnyway", false));
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    return id;
  }

  private JsonNode awaitCompleted(String base, String redemptionId) throws Exception {
    String path =
        base
            + "/api/v1/shops/"
            + WebhookBurst.SHOP
            + "/redemptions/"
            + redemptionId
            + "/cancellation";
    Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
    HttpResponse<String> answer = send("GET", path, null);
    while (answer.statusCode() == 202 && Instant.now().isBefore(deadline)) {
      Thread.sleep(500);
      answer = send("GET", path, null);
    }
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return json.readTree(answer.body());
  }

  private JsonNode call(String method, String url, Object body) throws Exception {
    HttpResponse<String> response = send(method, url, body);
    assertThat(response.statusCode())
        .as("%s %s: %s", method, url, response.body())
        .isBetween(200, 299);
    return json.readTree(response.body());
  }

  private HttpResponse<String> send(String method, String url, Object body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + WebhookBurst.ADMIN_TOKEN)
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
