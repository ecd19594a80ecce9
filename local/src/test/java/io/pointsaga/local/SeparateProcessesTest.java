package io.pointsaga.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.pointsaga.local.sandbox.SimulatedPlatform;
import io.pointsaga.platform.PlatformKind;
import io.pointsaga.reward.Rewards;
import io.pointsaga.shop.Shop;
import io.pointsaga.shop.Shops;
import io.pointsaga.temporal.TaskQueues;
import io.pointsaga.temporal.WorkflowIds;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The worker and the starter as the separate processes users deploy (their {@code -exec.jar}s,
 * configured only by environment variables), against an external Temporal (the test server on a
 * gRPC port) and PostgreSQL, with the simulated platform. Includes a worker killed with SIGKILL
 * while a revocation waits out a 429: the platform refused it before the kill, a new worker
 * finishes the saga, exactly once, and the history shows both workers.
 */
class SeparateProcessesTest {
  private static final String SHOP = "separate.myshopify.com";
  private static final String TOKEN = "separate-admin-token";

  /** The worker's actuator port: any free one (its default, 8081, may be taken on this machine). */
  private static final Map<String, String> WORKER_ENV = Map.of("SERVER_PORT", "0");

  private static final Path WORKER_JAR = Path.of("../worker/target/worker-exec.jar");
  private static final Path STARTER_JAR = Path.of("../starter/target/starter-exec.jar");

  /** Spring Boot's line once the web server listens, with the port it bound. */
  private static final Pattern TOMCAT_STARTED =
      Pattern.compile("Tomcat started on port (\\d+) \\(http\\)");

  private static EmbeddedInfrastructure infrastructure;
  private static ConfigurableApplicationContext platform;
  private static WorkflowServiceStubs service;
  private static WorkflowClient client;
  private static Process worker;
  private static Process starter;
  private static String api;
  private static String sandbox;
  private static final List<Path> logs = new ArrayList<>();
  private static final HttpClient http = HttpClient.newHttpClient();
  private static final ObjectMapper json = new ObjectMapper();

  @BeforeAll
  static void start() throws Exception {
    assertThat(WORKER_JAR).as("built by the worker module's package phase").exists();
    assertThat(STARTER_JAR).as("built by the starter module's package phase").exists();
    infrastructure = EmbeddedInfrastructure.throwaway();
    service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder()
                .setTarget(
                    (String)
                        infrastructure.springProperties().get("spring.temporal.connection.target"))
                .build());
    client = WorkflowClient.newInstance(service);
    platform = SimulatedPlatformOnly.start();
    sandbox =
        "http://127.0.0.1:"
            + platform.getEnvironment().getProperty("local.server.port")
            + "/sandbox/shops/"
            + SHOP;
    // The starter binds a port of its own choosing (SERVER_PORT=0) and reports it in its log: no
    // port is found free here and bound later by the starter.
    starter = launch(STARTER_JAR, "starter", Map.of("SERVER_PORT", "0"));
    Path starterLog = logs.get(logs.size() - 1);
    worker = launch(WORKER_JAR, "worker", WORKER_ENV);
    String starterUrl = "http://127.0.0.1:" + awaitReportedPort(starter, starterLog);
    api = starterUrl + "/api/v1/shops/" + SHOP;
    awaitHealthy(starterUrl + "/actuator/health");
    awaitPolling(worker);
    seedShop();
  }

  @AfterAll
  static void stop() {
    for (Process p : new Process[] {worker, starter}) {
      if (p != null) {
        p.destroyForcibly();
      }
    }
    if (service != null) {
      service.shutdownNow();
    }
    if (platform != null) {
      platform.close();
    }
    if (infrastructure != null) {
      infrastructure.close();
    }
  }

  private static Process launch(Path jar, String name, Map<String, String> extraEnv)
      throws IOException {
    Map<String, Object> props = infrastructure.springProperties();
    Path log = Files.createTempFile("pointsaga-" + name + "-", ".log");
    logs.add(log);
    ProcessBuilder builder =
        new ProcessBuilder(javaBin(), "-Xmx512m", "-jar", jar.toAbsolutePath().toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.put("SPRING_DATASOURCE_URL", (String) props.get("spring.datasource.url"));
    env.put("SPRING_DATASOURCE_USERNAME", "postgres");
    env.put("SPRING_DATASOURCE_PASSWORD", "");
    env.put(
        "SPRING_TEMPORAL_CONNECTION_TARGET",
        (String) props.get("spring.temporal.connection.target"));
    env.put("POINTSAGA_PLATFORM_HTTP_REQUEST_TIMEOUT", "PT2S");
    // The test server keeps a killed worker's sticky tasks forever (see StickyExecutionCustomizer).
    env.put("POINTSAGA_WORKER_STICKY_EXECUTION", "false");
    env.putAll(extraEnv);
    return builder.start();
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static void seedShop() {
    HikariDataSource ds = new HikariDataSource();
    ds.setJdbcUrl((String) infrastructure.springProperties().get("spring.datasource.url"));
    ds.setUsername("postgres");
    JdbcClient jdbc = JdbcClient.create(ds);
    Shops shops = new Shops(jdbc);
    Shop shop =
        shops.upsert(SHOP, PlatformKind.SHOPIFY, sandbox, "shpat_separate", "secret", "USD");
    shops.addAdminToken(shop.id(), TOKEN, "test");
    new Rewards(jdbc, Clock.systemUTC()).create(shop.id(), "$5 off", 500, new BigDecimal("5.00"));
    platform.getBean(SimulatedPlatform.class).registerShop(SHOP, "shpat_separate");
    ds.close();
  }

  @Test
  void redeemAndCancelThroughSeparateWorkerAndStarter() throws Exception {
    long reward = call("GET", api + "/rewards", null).get(0).get("rewardId").asLong();
    call("POST", api + "/customers/7/adjustments", Map.of("points", 900, "note", "start"));
    JsonNode redemption =
        call("POST", api + "/customers/7/redemptions", Map.of("rewardId", reward));
    assertThat(redemption.get("couponCode").asText()).startsWith("PTS-");

    JsonNode done = completed(redemption.get("redemptionId").asText(), true);

    assertThat(done.get("outcome").asText()).isEqualTo("CANCELLED");
    assertThat(call("GET", api + "/customers/7", null).get("pointsBalance").asLong())
        .isEqualTo(900);
  }

  @Test
  void aWorkerKilledWhileRevocationRetriesStillFinishesTheSagaOnce() throws Exception {
    long reward = call("GET", api + "/rewards", null).get(0).get("rewardId").asLong();
    call("POST", api + "/customers/8/adjustments", Map.of("points", 900, "note", "start"));
    JsonNode redemption =
        call("POST", api + "/customers/8/redemptions", Map.of("rewardId", reward));
    String id = redemption.get("redemptionId").asText();
    String coupon = redemption.get("couponCode").asText();
    send(
        "POST",
        sandbox + "/faults",
        Map.of(
            "operation",
            "revokeDiscountCode",
            "failures",
            2,
            "kind",
            "HTTP_429",
            "retryAfterSeconds",
            4));
    long failedBefore = revocationsRefused();

    HttpResponse<String> first =
        send(
            "POST",
            api + "/redemptions/" + id + "/cancellation",
            Map.of("refundPointsAnyway", false));
    assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
    assertThat(json.readTree(first.body()).get("status").asText()).isEqualTo("RUNNING");
    awaitRevocationsRefused(failedBefore + 1); // the saga now waits out the Retry-After
    long killed = worker.pid();
    worker.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL during that wait
    assertThat(codeState(coupon)).as("not revoked when the worker died").isEqualTo("ACTIVE");
    worker = launch(WORKER_JAR, "worker-restarted", WORKER_ENV);
    awaitPolling(worker);

    JsonNode done = completed(id, false);

    assertThat(done.get("outcome").asText()).isEqualTo("CANCELLED");
    assertThat(revocationsRefused()).as("both injected 429s served").isEqualTo(failedBefore + 2);
    assertThat(codeState(coupon)).isEqualTo("DEACTIVATED");
    JsonNode entries = call("GET", api + "/customers/8/activity", null).get("entries");
    assertThat(entries.findValuesAsText("kind").stream().filter("REDEMPTION_REFUND"::equals))
        .hasSize(1);
    assertThat(call("GET", api + "/customers/8", null).get("pointsBalance").asLong())
        .isEqualTo(900);
    WorkflowExecutionHistory history = client.fetchHistory(WorkflowIds.cancelRedemption(SHOP, id));
    assertThat(workerIdentities(history))
        .as(
            "the killed worker %s started the saga, the new one %s finished it",
            killed, worker.pid())
        .anyMatch(identity -> identity.startsWith(killed + "@"))
        .anyMatch(identity -> identity.startsWith(worker.pid() + "@"));
  }

  /**
   * Waits until the cancellation is COMPLETED (POSTing it first if {@code request}); a 202 RUNNING
   * is waited on, any other answer fails at once.
   */
  private static JsonNode completed(String redemptionId, boolean request) throws Exception {
    String path = api + "/redemptions/" + redemptionId + "/cancellation";
    HttpResponse<String> answer =
        request ? send("POST", path, Map.of("refundPointsAnyway", false)) : send("GET", path, null);
    Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
    while (answer.statusCode() == 202 && Instant.now().isBefore(deadline)) {
      assertThat(json.readTree(answer.body()).get("status").asText()).isEqualTo("RUNNING");
      Thread.sleep(300);
      answer = send("GET", path, null);
    }
    assertThat(answer.statusCode()).as("%s\n%s", answer.body(), logTails()).isEqualTo(200);
    JsonNode body = json.readTree(answer.body());
    assertThat(body.get("status").asText()).as("%s\n%s", body, logTails()).isEqualTo("COMPLETED");
    return body;
  }

  private static long revocationsRefused() throws Exception {
    return call("GET", sandbox + "/calls", null).path("revokeDiscountCode").path("failed").asLong();
  }

  private static void awaitRevocationsRefused(long failed) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (revocationsRefused() < failed && Instant.now().isBefore(deadline)) {
      Thread.sleep(100);
    }
    assertThat(revocationsRefused())
        .as("revocations refused by the injected 429\n%s", logTails())
        .isGreaterThanOrEqualTo(failed);
  }

  private static String codeState(String coupon) throws Exception {
    return call("GET", sandbox + "/discount-codes/" + coupon, null).get("state").asText();
  }

  /**
   * Until the worker process takes a workflow task from the sagas' queue. The Java test server has
   * no DescribeTaskQueue, so a probe workflow of a type no worker runs is started there: once its
   * history shows a task started by this process (identity pid@host), the process polls; the probe
   * is then terminated.
   */
  private static void awaitPolling(Process process) throws Exception {
    String probeId = "poll-probe/" + UUID.randomUUID();
    WorkflowStub probe =
        client.newUntypedWorkflowStub(
            "SeparateProcessesPollProbe",
            WorkflowOptions.newBuilder()
                .setWorkflowId(probeId)
                .setTaskQueue(TaskQueues.SAGAS)
                .setWorkflowTaskTimeout(Duration.ofSeconds(2))
                .build());
    probe.start();
    try {
      Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
      while (Instant.now().isBefore(deadline)) {
        assertThat(process.isAlive()).as("worker exited\n%s", logTails()).isTrue();
        if (workerIdentities(client.fetchHistory(probeId)).stream()
            .anyMatch(identity -> identity.startsWith(process.pid() + "@"))) {
          return;
        }
        Thread.sleep(200);
      }
      throw new AssertionError("worker " + process.pid() + " not polling in 90 s\n" + logTails());
    } finally {
      probe.terminate("the worker polls");
    }
  }

  /** Who took the history's workflow and activity tasks (identity pid@host), in order. */
  private static List<String> workerIdentities(WorkflowExecutionHistory history) {
    return history.getEvents().stream()
        .flatMap(
            (HistoryEvent e) -> {
              if (e.hasWorkflowTaskStartedEventAttributes()) {
                return Stream.of(e.getWorkflowTaskStartedEventAttributes().getIdentity());
              }
              if (e.hasActivityTaskStartedEventAttributes()) {
                return Stream.of(e.getActivityTaskStartedEventAttributes().getIdentity());
              }
              return Stream.empty();
            })
        .distinct()
        .toList();
  }

  private static JsonNode call(String method, String url, Object body) throws Exception {
    HttpResponse<String> response = send(method, url, body);
    assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
    return json.readTree(response.body());
  }

  private static HttpResponse<String> send(String method, String url, Object body)
      throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + TOKEN)
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** The port the starter's web server reported in its log once it listened. */
  private static int awaitReportedPort(Process process, Path log) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
    while (Instant.now().isBefore(deadline)) {
      assertThat(process.isAlive()).as("starter exited\n%s", logTails()).isTrue();
      Matcher started = TOMCAT_STARTED.matcher(Files.readString(log));
      if (started.find()) {
        return Integer.parseInt(started.group(1));
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the starter reported no port in " + log + " in 90 s\n" + logTails());
  }

  private static void awaitHealthy(String url) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
    while (Instant.now().isBefore(deadline)) {
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200 && r.body().contains("UP")) {
          return;
        }
      } catch (IOException notYet) {
        // starting
      }
      assertThat(starter.isAlive()).as(logTails()).isTrue();
      Thread.sleep(500);
    }
    throw new AssertionError("starter not healthy in 90 s\n" + logTails());
  }

  private static String logTails() {
    StringBuilder out = new StringBuilder();
    for (Path log : logs) {
      try {
        List<String> lines = Files.readAllLines(log);
        out.append("--- ")
            .append(log)
            .append('\n')
            .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())))
            .append('\n');
      } catch (IOException e) {
        out.append("(cannot read ").append(log).append(")\n");
      }
    }
    return out.toString();
  }
}
