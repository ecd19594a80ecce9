package io.pointsaga.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.pointsaga.local.SimulatedPlatformOnly;
import io.pointsaga.temporal.TaskQueues;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.enums.v1.TaskQueueType;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.DescribeTaskQueueRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The product as users deploy it, against a real Temporal dev server: the worker and the starter as
 * separate JVMs (their {@code -exec.jar}s, configured only by environment variables), an embedded
 * PostgreSQL 17 and the simulated platforms (Shopify, BigCommerce) in this JVM. Shops are created
 * on the simulated platforms and installed by the operator's {@code POST /api/v1/shops}, so their
 * webhook subscriptions exist there. One per test JVM, shared by the E2E classes; driven over HTTP,
 * and observed through Temporal with the SDK's client.
 */
final class E2EStack {
  /** The worker's actuator port: any free one (its default, 8081, may be taken on this machine). */
  private static final Map<String, String> WORKER_ENV = Map.of("SERVER_PORT", "0");

  static final String SHOP = "e2e-shop.myshopify.com";
  static final String WEBHOOK_SECRET = "e2e-webhook-secret";
  static final String PLATFORM_TOKEN = "shpat_e2e";
  static final String NAMESPACE = "default";

  /** The starter's {@code POINTSAGA_OPERATOR_TOKEN}: it installs the shops. */
  static final String OPERATOR_TOKEN = "e2e-operator-token";

  /** Place-an-order rule of the seeded shop: 1.5 points per dollar, so floors show. */
  static final BigDecimal POINTS_PER_UNIT = new BigDecimal("1.5");

  static final long REWARD_COST = 500;

  /** How long the first worker and starter may take to start (a loaded CI machine is slow). */
  private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

  /** Spring Boot's line once the web server listens, with the port it bound. */
  private static final Pattern TOMCAT_STARTED =
      Pattern.compile("Tomcat started on port (\\d+) \\(http\\)");

  private static E2EStack instance;

  final E2EProperties properties;
  final TemporalDevServer temporal;
  final WorkflowServiceStubs service;
  final OperatorServiceStubs operator;
  final WorkflowClient client;
  final String baseUrl;
  final String sandboxUrl;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  final ObjectMapper json = new ObjectMapper();
  final long rewardId;

  /** The seeded shop's admin token, as its install answered it (shown once, stored hashed). */
  final String adminToken;

  /** The base of the simulated platforms' controls: {@code http://127.0.0.1:{port}/sandbox}. */
  final String platformUrl;

  /** The product's database, for the tests that read what processing left behind. */
  final JdbcClient jdbc;

  private final ChildProcesses children;
  private final EmbeddedPostgres postgres;
  private final HikariDataSource dataSource;
  private final ConfigurableApplicationContext platform;
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
    this.operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setChannel(service.getRawChannel())
                .validateAndBuildWithDefaults());
    this.client =
        WorkflowClient.newInstance(
            service, WorkflowClientOptions.newBuilder().setNamespace(NAMESPACE).build());
    temporal.awaitServing(service, NAMESPACE, Duration.ofSeconds(30));

    this.postgres = EmbeddedPostgres.builder().start();
    this.dataSource = new HikariDataSource();
    dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
    dataSource.setUsername("postgres");
    dataSource.setMaximumPoolSize(2);
    this.jdbc = JdbcClient.create(dataSource);
    this.platform = SimulatedPlatformOnly.start("pointsaga.sandbox.timeout-fault-delay=PT4S");
    String platformPort = platform.getEnvironment().getRequiredProperty("local.server.port");
    this.platformUrl = "http://127.0.0.1:" + platformPort + "/sandbox";
    this.sandboxUrl = platformUrl + "/shops/" + SHOP;

    try {
      // The starter binds a port of its own choosing (SERVER_PORT=0) and reports it in its log: no
      // port is found free here and bound later by someone else.
      this.starter =
          launch(
              properties.starterJar(),
              "starter",
              Map.of("SERVER_PORT", "0", "POINTSAGA_OPERATOR_TOKEN", OPERATOR_TOKEN));
      this.worker = launch(properties.workerJar(), "worker", WORKER_ENV);
      this.baseUrl =
          "http://127.0.0.1:" + awaitReportedPort(starter, logOf("starter"), START_TIMEOUT);
      awaitStarterHealthy();
      awaitWorkerPolling(worker, START_TIMEOUT);
      InstalledShop seeded = installSandboxShop("SHOPIFY", SHOP, PLATFORM_TOKEN, WEBHOOK_SECRET);
      this.adminToken = seeded.adminToken();
      this.rewardId = seedShop();
    } catch (Exception | AssertionError failedStart) {
      // A worker left polling the sagas' queue against this attempt's database would take the
      // next attempt's tasks ("shop not known"): stop everything this attempt started.
      close();
      throw failedStart;
    }
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
    worker = launch(properties.workerJar(), label, WORKER_ENV);
    awaitWorkerPolling(worker, Duration.ofSeconds(90));
    return worker;
  }

  private Path logOf(String name) {
    return properties.outputDir().resolve("logs").resolve(name + ".log");
  }

  private Process launch(Path jar, String name, Map<String, String> extraEnv) throws IOException {
    Path log = logOf(name);
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

  /** The port the starter's web server reported in its log once it listened. */
  private int awaitReportedPort(Process process, Path log, Duration timeout) throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      assertThat(process.isAlive()).as("starter exited:\n" + logTails()).isTrue();
      Matcher started = TOMCAT_STARTED.matcher(Files.readString(log));
      if (started.find()) {
        return Integer.parseInt(started.group(1));
      }
      Thread.sleep(100);
    }
    throw new AssertionError(
        "the starter reported no port in " + log + " in " + timeout + "\n" + logTails());
  }

  private void awaitStarterHealthy() throws Exception {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
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
    throw new AssertionError("starter not healthy in " + START_TIMEOUT + "\n" + logTails());
  }

  /** A shop created on a simulated platform and installed in PointSaga by the operator. */
  record InstalledShop(String domain, String adminToken, String apiBaseUrl, JsonNode install) {}

  /**
   * Creates the shop on the simulated platform ({@code SHOPIFY}: signing its webhooks with {@code
   * webhookSecret}; {@code BIGCOMMERCE}: no signature, the secret goes into its hooks' headers) and
   * installs it with the operator token: the starter checks the token on the platform and registers
   * its webhook subscriptions there.
   */
  InstalledShop installSandboxShop(
      String platformName, String domain, String accessToken, String webhookSecret) {
    Map<String, Object> shop = new java.util.HashMap<>();
    shop.put("domain", domain);
    shop.put("platform", platformName);
    shop.put("accessToken", accessToken);
    if (platformName.equals("SHOPIFY")) {
      shop.put("webhookSecret", webhookSecret);
    }
    String apiBaseUrl =
        call("POST", platformUrl + "/shops", shop, null).ok().get("apiBaseUrl").asText();
    JsonNode installed =
        call(
                "POST",
                baseUrl + "/api/v1/shops",
                Map.of(
                    "domain", domain,
                    "platform", platformName,
                    "accessToken", accessToken,
                    "webhookSecret", webhookSecret,
                    "apiBaseUrl", apiBaseUrl),
                OPERATOR_TOKEN)
            .ok();
    return new InstalledShop(domain, installed.get("adminToken").asText(), apiBaseUrl, installed);
  }

  /** The seeded shop's Place-an-order rule and "$5 off" reward, through its admin API. */
  private long seedShop() {
    api(
            "PUT",
            "/earning-rules/place-order",
            Map.of("pointsPerUnit", POINTS_PER_UNIT, "enabled", true))
        .ok();
    return api(
            "POST",
            "/rewards",
            Map.of(
                "name",
                "$5 off",
                "pointsCost",
                REWARD_COST,
                "discountAmount",
                new BigDecimal("5.00")))
        .ok()
        .get("rewardId")
        .asLong();
  }

  /** The custom search attributes the server knows in the namespace, with their types. */
  Map<String, IndexedValueType> customSearchAttributes() {
    return operator
        .blockingStub()
        .withDeadlineAfter(10, TimeUnit.SECONDS)
        .listSearchAttributes(
            ListSearchAttributesRequest.newBuilder().setNamespace(NAMESPACE).build())
        .getCustomAttributesMap();
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
    return call(method, baseUrl + "/api/v1/shops/" + SHOP + path, body, adminToken);
  }

  /** The admin API with a short timeout, for a probe that may not be answered. */
  Response api(String method, String path, Object body, Duration timeout) {
    return call(method, baseUrl + "/api/v1/shops/" + SHOP + path, body, adminToken, timeout);
  }

  /** The simulated platform's controls for the seeded shop. */
  Response sandbox(String method, String path, Object body) {
    return call(method, sandboxUrl + path, body, null);
  }

  Response call(String method, String url, Object body, String token) {
    return call(method, url, body, token, Duration.ofSeconds(30));
  }

  /**
   * Sends the request and answers whatever status came back; a request that got no answer at all
   * (refused, reset, timed out) fails the test, it is never turned into a status.
   */
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
      throw new UncheckedIOException(method + " " + url + " got no answer: " + e, e);
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

  /** The customer's balance as the admin API answers it; anything but a 200 fails the test. */
  long balance(String customer) {
    Response r = api("GET", "/customers/" + customer, null);
    assertThat(r.status()).as("GET customer %s: %s", customer, r.body()).isEqualTo(200);
    JsonNode balance = r.body().path("pointsBalance");
    assertThat(balance.isIntegralNumber())
        .as("pointsBalance of customer %s in %s", customer, r.body())
        .isTrue();
    return balance.asLong();
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
   * Temporal meanwhile (503 {@code temporal_unavailable}), nothing else.
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
      assertThat(stillRunning(answer) || temporalUnavailable(answer))
          .as("cancellation of %s answered %s\n%s", redemptionId, answer, logTails())
          .isTrue();
      Thread.sleep(250);
      answer = api("GET", path, null);
    }
    assertThat(completed(answer))
        .as("cancellation of %s: %s\n%s", redemptionId, answer, logTails())
        .isTrue();
    return answer.body();
  }

  /** 200 with status COMPLETED: the saga ended (a FAILED saga is 200 too, and not this). */
  static boolean completed(Response answer) {
    return answer.status() == 200 && "COMPLETED".equals(answer.body().path("status").asText());
  }

  /** 202 with status RUNNING: the saga goes on. */
  static boolean stillRunning(Response answer) {
    return answer.status() == 202 && "RUNNING".equals(answer.body().path("status").asText());
  }

  private static boolean temporalUnavailable(Response answer) {
    return answer.status() == 503
        && "temporal_unavailable".equals(answer.body().path("error").asText());
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
    operator.shutdownNow();
    service.shutdownNow();
    platform.close();
    dataSource.close();
    try {
      postgres.close();
    } catch (IOException e) {
      System.err.println("embedded PostgreSQL did not stop cleanly: " + e);
    }
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
