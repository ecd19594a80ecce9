package io.pointsaga.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.pointsaga.earning.EarningRules;
import io.pointsaga.local.SimulatedPlatformOnly;
import io.pointsaga.local.sandbox.SimulatedPlatform;
import io.pointsaga.platform.PlatformKind;
import io.pointsaga.reward.Rewards;
import io.pointsaga.shop.Shop;
import io.pointsaga.shop.Shops;
import io.pointsaga.temporal.TaskQueues;
import io.temporal.api.enums.v1.TaskQueueType;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.DescribeTaskQueueRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The product as users deploy it, against a real Temporal dev server: the worker and the starter as
 * separate JVMs (their {@code -exec.jar}s, configured only by environment variables), an embedded
 * PostgreSQL 17 and the simulated Shopify platform in this JVM. One per test JVM, shared by the E2E
 * classes; driven over HTTP, and observed through Temporal with the SDK's client.
 */
final class E2EStack {
  static final String SHOP = "e2e-shop.myshopify.com";
  static final String ADMIN_TOKEN = "e2e-admin-token";
  static final String WEBHOOK_SECRET = "e2e-webhook-secret";
  static final String PLATFORM_TOKEN = "shpat_e2e";
  static final String NAMESPACE = "default";

  /** Place-an-order rule of the seeded shop: 1.5 points per dollar, so floors show. */
  static final BigDecimal POINTS_PER_UNIT = new BigDecimal("1.5");

  static final long REWARD_COST = 500;

  private static E2EStack instance;

  final E2EProperties properties;
  final TemporalDevServer temporal;
  final WorkflowServiceStubs service;
  final WorkflowClient client;
  final String baseUrl;
  final String sandboxUrl;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  final ObjectMapper json = new ObjectMapper();
  final long rewardId;

  private final ChildProcesses children;
  private final EmbeddedPostgres postgres;
  private final ConfigurableApplicationContext platform;
  private final int starterPort;
  private final List<Path> logs = new ArrayList<>();
  private final AtomicLong ids = new AtomicLong(100_000);
  private Process starter;
  private Process worker;

  static synchronized E2EStack get() {
    if (instance == null) {
      try {
        instance = new E2EStack(E2EProperties.fromSystem());
      } catch (Exception e) {
        throw new IllegalStateException("The E2E stack did not start: " + e.getMessage(), e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(instance::close, "e2e-stack-shutdown"));
    }
    return instance;
  }

  private E2EStack(E2EProperties properties) throws Exception {
    this.properties = properties;
    Files.createDirectories(properties.outputDir().resolve("logs"));
    assertThat(properties.workerJar()).as("built by the worker module's package phase").exists();
    assertThat(properties.starterJar()).as("built by the starter module's package phase").exists();
    this.children = new ChildProcesses(properties.childPidsFile());
    this.temporal = new TemporalDevServer(properties, children);
    this.service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder()
                .setTarget(properties.temporalTarget())
                .build());
    this.client =
        WorkflowClient.newInstance(
            service, WorkflowClientOptions.newBuilder().setNamespace(NAMESPACE).build());
    temporal.awaitServing(service, NAMESPACE, Duration.ofSeconds(30));

    this.postgres = EmbeddedPostgres.builder().start();
    this.platform = SimulatedPlatformOnly.start("pointsaga.sandbox.timeout-fault-delay=PT4S");
    String platformPort = platform.getEnvironment().getRequiredProperty("local.server.port");
    this.sandboxUrl = "http://127.0.0.1:" + platformPort + "/sandbox/shops/" + SHOP;

    this.starterPort = freePort();
    this.baseUrl = "http://127.0.0.1:" + starterPort;
    this.starter =
        launch(
            properties.starterJar(), "starter", Map.of("SERVER_PORT", String.valueOf(starterPort)));
    this.worker = launch(properties.workerJar(), "worker", Map.of());
    awaitStarterHealthy();
    awaitWorkerPolling(worker, Duration.ofSeconds(90));
    this.rewardId = seedShop();
  }

  // ---------------------------------------------------------------- processes

  /** The worker JVM now running. */
  Process worker() {
    return worker;
  }

  /** SIGKILL of the worker JVM, as a crashed pod. */
  void killWorker() throws InterruptedException {
    worker.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
  }

  /** A new worker JVM, once it polls the sagas' task queue. */
  Process startWorker(String label) throws Exception {
    worker = launch(properties.workerJar(), label, Map.of());
    awaitWorkerPolling(worker, Duration.ofSeconds(90));
    return worker;
  }

  private Process launch(Path jar, String name, Map<String, String> extraEnv) throws IOException {
    Path log = properties.outputDir().resolve("logs").resolve(name + ".log");
    logs.add(log);
    ProcessBuilder builder =
        new ProcessBuilder(javaBin(), "-Xmx512m", "-jar", jar.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.put("SPRING_DATASOURCE_URL", postgres.getJdbcUrl("postgres", "postgres"));
    env.put("SPRING_DATASOURCE_USERNAME", "postgres");
    env.put("SPRING_DATASOURCE_PASSWORD", "");
    env.put("SPRING_TEMPORAL_CONNECTION_TARGET", properties.temporalTarget());
    env.put("SPRING_TEMPORAL_NAMESPACE", NAMESPACE);
    env.put("POINTSAGA_PLATFORM_HTTP_REQUEST_TIMEOUT", "PT2S");
    // A real server hands a dead worker's sticky tasks to the normal queue after 5 s: keep the
    // default.
    env.remove("POINTSAGA_WORKER_STICKY_EXECUTION");
    env.putAll(extraEnv);
    Process process = builder.start();
    children.record(process);
    return process;
  }

  /** Starts a helper process (e.g. Chromium) whose pid the stage's cleanup knows. */
  Process startRecorded(ProcessBuilder builder) throws IOException {
    Process process = builder.start();
    children.record(process);
    return process;
  }

  /**
   * Until the process polls both workflow and activity tasks of the sagas' queue (its identity is
   * pid@host).
   */
  void awaitWorkerPolling(Process process, Duration timeout) throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      assertThat(process.isAlive()).as("worker exited:\n" + logTails()).isTrue();
      if (polls(process.pid(), TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW)
          && polls(process.pid(), TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY)) {
        return;
      }
      Thread.sleep(250);
    }
    throw new AssertionError(
        "worker " + process.pid() + " not polling in " + timeout + "\n" + logTails());
  }

  private boolean polls(long pid, TaskQueueType type) {
    try {
      return service
          .blockingStub()
          .withDeadlineAfter(5, TimeUnit.SECONDS)
          .describeTaskQueue(
              DescribeTaskQueueRequest.newBuilder()
                  .setNamespace(NAMESPACE)
                  .setTaskQueue(TaskQueue.newBuilder().setName(TaskQueues.SAGAS).build())
                  .setTaskQueueType(type)
                  .build())
          .getPollersList()
          .stream()
          .anyMatch(p -> p.getIdentity().startsWith(pid + "@"));
    } catch (RuntimeException unavailable) {
      return false;
    }
  }

  private void awaitStarterHealthy() throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
    while (Instant.now().isBefore(deadline)) {
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200 && r.body().contains("UP")) {
          return;
        }
      } catch (IOException notYet) {
        // starting
      }
      assertThat(starter.isAlive()).as("starter exited:\n" + logTails()).isTrue();
      Thread.sleep(500);
    }
    throw new AssertionError("starter not healthy in 90 s\n" + logTails());
  }

  /** The shop, its admin token, webhook secret, a Place-an-order rule and the "$5 off" reward. */
  private long seedShop() {
    HikariDataSource ds = new HikariDataSource();
    ds.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
    ds.setUsername("postgres");
    try (ds) {
      JdbcClient jdbc = JdbcClient.create(ds);
      Shop shop =
          new Shops(jdbc)
              .upsert(
                  SHOP, PlatformKind.SHOPIFY, sandboxUrl, PLATFORM_TOKEN, WEBHOOK_SECRET, "USD");
      new Shops(jdbc).addAdminToken(shop.id(), ADMIN_TOKEN, "e2e");
      new EarningRules(jdbc, Clock.systemUTC()).putPlaceOrderRule(shop.id(), POINTS_PER_UNIT, true);
      long reward =
          new Rewards(jdbc, Clock.systemUTC())
              .create(shop.id(), "$5 off", REWARD_COST, new BigDecimal("5.00"))
              .id();
      platform.getBean(SimulatedPlatform.class).registerShop(SHOP, PLATFORM_TOKEN);
      return reward;
    }
  }

  // ---------------------------------------------------------------- HTTP

  record Response(int status, JsonNode body) {
    JsonNode ok() {
      assertThat(status).as("HTTP %s: %s", status, body).isBetween(200, 299);
      return body;
    }
  }

  /** The admin API of the seeded shop, with its token. */
  Response api(String method, String path, Object body) {
    return call(method, baseUrl + "/api/v1/shops/" + SHOP + path, body, ADMIN_TOKEN);
  }

  /** The admin API with a short timeout, for a probe that may not be answered. */
  Response api(String method, String path, Object body, Duration timeout) {
    return call(method, baseUrl + "/api/v1/shops/" + SHOP + path, body, ADMIN_TOKEN, timeout);
  }

  /** The simulated platform's controls for the seeded shop. */
  Response sandbox(String method, String path, Object body) {
    return call(method, sandboxUrl + path, body, null);
  }

  Response call(String method, String url, Object body, String token) {
    return call(method, url, body, token, Duration.ofSeconds(30));
  }

  Response call(String method, String url, Object body, String token, Duration timeout) {
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(url))
              .timeout(timeout)
              .header("Content-Type", "application/json")
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
      if (token != null) {
        request.header("Authorization", "Bearer " + token);
      }
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode parsed = response.body().isBlank() ? json.nullNode() : parseOrText(response.body());
      return new Response(response.statusCode(), parsed);
    } catch (IOException e) {
      return new Response(599, json.getNodeFactory().textNode(method + " " + url + ": " + e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private JsonNode parseOrText(String body) {
    try {
      return json.readTree(body);
    } catch (IOException notJson) {
      return json.getNodeFactory().textNode(body);
    }
  }

  // ---------------------------------------------------------------- business steps

  /** A customer id never used before (numeric, like Shopify's). */
  String newCustomer() {
    return String.valueOf(ids.incrementAndGet());
  }

  String newOrder() {
    return String.valueOf(9_000_000 + ids.incrementAndGet());
  }

  long balance(String customer) {
    Response r = api("GET", "/customers/" + customer, null);
    return r.status() == 200 ? r.body().get("pointsBalance").asLong() : 0;
  }

  /** Gives the customer points, then redeems the seeded reward; answers the redemption. */
  JsonNode redeem(String customer, long pointsFirst) {
    api(
            "POST",
            "/customers/" + customer + "/adjustments",
            Map.of("points", pointsFirst, "note", "e2e start"))
        .ok();
    JsonNode redemption =
        api("POST", "/customers/" + customer + "/redemptions", Map.of("rewardId", rewardId)).ok();
    assertThat(redemption.get("couponCode").asText()).startsWith("PTS-");
    return redemption;
  }

  /**
   * POST the cancellation, then GET it until COMPLETED; tolerates a starter that cannot reach
   * Temporal meanwhile.
   */
  JsonNode awaitCancellation(String redemptionId, Duration timeout) throws InterruptedException {
    return awaitCancellation(redemptionId, timeout, true);
  }

  /**
   * Waits for the redemption's cancellation to complete; {@code request} false when it was
   * requested already (a second POST after it finished would start a new run).
   */
  JsonNode awaitCancellation(String redemptionId, Duration timeout, boolean request)
      throws InterruptedException {
    String path = "/redemptions/" + redemptionId + "/cancellation";
    Response answer =
        request ? api("POST", path, Map.of("refundPointsAnyway", false)) : api("GET", path, null);
    Instant deadline = Instant.now().plus(timeout);
    while (!completed(answer) && Instant.now().isBefore(deadline)) {
      Thread.sleep(250);
      answer = api("GET", path, null);
    }
    assertThat(completed(answer))
        .as("cancellation of %s: %s\n%s", redemptionId, answer, logTails())
        .isTrue();
    return answer.body();
  }

  static boolean completed(Response answer) {
    return answer.status() == 200 && "COMPLETED".equals(answer.body().path("status").asText());
  }

  /** The kinds of the customer's ledger entries, newest first. */
  List<String> entryKinds(String customer) {
    return api("GET", "/customers/" + customer + "/activity", null)
        .ok()
        .get("entries")
        .findValuesAsText("kind");
  }

  long calls(String operation, String field) {
    return sandbox("GET", "/calls", null).ok().path(operation).path(field).asLong();
  }

  /** Polls until the customer's balance satisfies the check (sagas run after the webhook's 200). */
  long awaitBalance(String customer, java.util.function.LongPredicate done)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    long balance = balance(customer);
    while (!done.test(balance) && Instant.now().isBefore(deadline)) {
      Thread.sleep(100);
      balance = balance(customer);
    }
    return balance;
  }

  // ---------------------------------------------------------------- diagnostics and shutdown

  String logTails() {
    StringBuilder out = new StringBuilder();
    List<Path> all = new ArrayList<>(logs);
    all.add(properties.temporalLog());
    for (Path log : all) {
      try {
        List<String> lines = Files.readAllLines(log);
        out.append("--- ")
            .append(log)
            .append('\n')
            .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 25), lines.size())))
            .append('\n');
      } catch (IOException e) {
        out.append("(no ").append(log).append(")\n");
      }
    }
    return out.toString();
  }

  private void close() {
    for (Process p : new Process[] {worker, starter}) {
      if (p != null) {
        p.destroyForcibly();
      }
    }
    service.shutdownNow();
    platform.close();
    try {
      postgres.close();
    } catch (IOException e) {
      System.err.println("embedded PostgreSQL did not stop cleanly: " + e);
    }
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
