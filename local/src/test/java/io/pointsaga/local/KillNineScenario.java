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
import java.util.function.Consumer;

/**
 * Proof 4(c) of issue 10, shared by the run without the Temporal CLI ({@code KillNineRestartTest})
 * and the run with it ({@code KillNineRestartE2E}): the embedded mode, as its own JVM, is killed
 * with SIGKILL in the middle of a burst of webhooks while a cancellation is running, then started
 * again on the same data folder. What a kill left running is stopped, the platform's retries and
 * redeliveries are answered, and every event is applied exactly once (see {@link WebhookBurst}).
 */
public final class KillNineScenario {
  private static final Duration START_LIMIT = Duration.ofMinutes(3);

  /** What the run measured, for the report. */
  public record Outcome(
      int deliveries,
      int acknowledgedBeforeTheKill,
      int handedOverAgain,
      int sentAgainByThePlatform,
      Duration firstStart,
      Duration restart,
      String recoveryLine,
      String cancellationOutcome) {

    public String describe(String mode) {
      return ("E2E note: kill -9 %s: %d of %d deliveries acknowledged before the kill, %d handed"
              + " over again at start, %d sent again by the platform; cancellation ended %s;"
              + " restart to UP in %d ms (first start %d ms)")
          .formatted(
              mode,
              acknowledgedBeforeTheKill,
              deliveries,
              handedOverAgain,
              sentAgainByThePlatform,
              cancellationOutcome,
              restart.toMillis(),
              firstStart.toMillis());
    }
  }

  private final Path data;
  private final Path logs;
  private final Optional<Path> temporalCli;
  private final Consumer<Process> started;
  private final long seed;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  private EmbeddedModeProcess running;

  public KillNineScenario(
      Path data, Path logs, Optional<Path> temporalCli, Consumer<Process> started, long seed) {
    this.data = data;
    this.logs = logs;
    this.temporalCli = temporalCli;
    this.started = started;
    this.seed = seed;
  }

  public Outcome run() throws Exception {
    EmbeddedModeProcess first = start("first.log");
    String finished = finishedCancellation(first.baseUrl());
    String cancellation = runningCancellation(first.baseUrl());
    WebhookBurst burst = WebhookBurst.of(40, seed);

    burst.send(first.baseUrl(), burst.deliveries() / 2, first::kill);
    int acknowledgedBeforeTheKill = burst.acknowledged();
    assertThat(first.alive()).isFalse();

    EmbeddedModeProcess second = start("second.log");
    assertThat(Files.readString(second.log()))
        .as("the orphaned PostgreSQL of the killed run is found and stopped")
        .contains("PostgreSQL of " + data.resolve("postgres") + " (pid")
        .contains("is still running from a previous start that did not shut down; stopping it");
    int resent = burst.resend(second.baseUrl(), 10);
    burst.assertEveryEventAppliedOnce(second.baseUrl(), Duration.ofMinutes(3));
    JsonNode cancelled = awaitCompleted(second.baseUrl(), cancellation);
    JsonNode finishedBefore = awaitCompleted(second.baseUrl(), finished);
    assertThat(finishedBefore.get("outcome").asText())
        .as("a cancellation that ended before the kill still answers with its result")
        .isEqualTo("CANCELLED");
    assertThat(balance(second.baseUrl(), "7101")).as("its points came back once").isEqualTo(600);
    Outcome outcome =
        new Outcome(
            burst.deliveries(),
            acknowledgedBeforeTheKill,
            second.deliveriesHandedOverAgain().orElse(-1),
            resent,
            first.startup(),
            second.startup(),
            second.recoveryLine(),
            cancelled.get("outcome").asText());
    second.stop();
    assertThat(Files.readString(second.log()))
        .as("a clean stop: workers before the servers, PostgreSQL last")
        .doesNotContain("failed to call shutdown worker")
        .doesNotContain("Failure in poller thread")
        .doesNotContain("terminating connection due to administrator command");
    return outcome;
  }

  /** Stops what is left: the running process, and what a kill left behind (test cleanup). */
  public void stopEverything() throws Exception {
    if (running != null && running.alive()) {
      running.stop();
    }
    EmbeddedModeProcess.stopOrphans(data);
  }

  private EmbeddedModeProcess start(String log) throws Exception {
    running = EmbeddedModeProcess.start(data, temporalCli, logs.resolve(log), started);
    return running.awaitUp(START_LIMIT);
  }

  /** A redemption cancelled (CANCELLED, points back) before the kill. */
  private String finishedCancellation(String base) throws Exception {
    String id = redemption(base, "7101");
    JsonNode done =
        call(
            "POST",
            base + "/api/v1/shops/" + WebhookBurst.SHOP + "/redemptions/" + id + "/cancellation",
            Map.of("refundPointsAnyway", false));
    assertThat(done.get("outcome").asText()).as("%s", done).isEqualTo("CANCELLED");
    return id;
  }

  private String redemption(String base, String customer) throws Exception {
    String shop = base + "/api/v1/shops/" + WebhookBurst.SHOP;
    call(
        "POST",
        shop + "/customers/" + customer + "/adjustments",
        Map.of("points", 600, "note", "to redeem"));
    long reward = call("GET", shop + "/rewards", null).get(0).get("rewardId").asLong();
    return call(
            "POST", shop + "/customers/" + customer + "/redemptions", Map.of("rewardId", reward))
        .get("redemptionId")
        .asText();
  }

  private long balance(String base, String customer) throws Exception {
    return call("GET", base + "/api/v1/shops/" + WebhookBurst.SHOP + "/customers/" + customer, null)
        .get("pointsBalance")
        .asLong();
  }

  /**
   * A cancellation still running when the process dies: the platform fails every lookup of the
   * code, so the saga retries with backoff. (The simulated platform keeps its codes and faults in
   * memory: after the restart it no longer knows the code, so the saga ends REWARD_UNTRACKED.)
   */
  private String runningCancellation(String base) throws Exception {
    String shop = base + "/api/v1/shops/" + WebhookBurst.SHOP;
    String id = redemption(base, "7100");
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
    assertThat(answer.statusCode())
        .as("cancellation after the restart: %s", answer.body())
        .isEqualTo(200);
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
