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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The worker and the starter as the separate processes users deploy (their {@code -exec.jar}s,
 * configured only by environment variables), against an external Temporal (the test server on a
 * gRPC port) and PostgreSQL, with the simulated platform. Includes a worker killed with SIGKILL
 * while a revocation is retrying: the saga still finishes, exactly once.
 */
class SeparateProcessesTest {
  private static final String SHOP = "separate.myshopify.com";
  private static final String TOKEN = "separate-admin-token";
  private static final Path WORKER_JAR = Path.of("../worker/target/worker-exec.jar");
  private static final Path STARTER_JAR = Path.of("../starter/target/starter-exec.jar");

  private static EmbeddedInfrastructure infrastructure;
  private static ConfigurableApplicationContext platform;
  private static Process worker;
  private static Process starter;
  private static String api;
  private static final List<Path> logs = new ArrayList<>();
  private static final HttpClient http = HttpClient.newHttpClient();
  private static final ObjectMapper json = new ObjectMapper();

  @BeforeAll
  static void start() throws Exception {
    assertThat(WORKER_JAR).as("built by the worker module's package phase").exists();
    assertThat(STARTER_JAR).as("built by the starter module's package phase").exists();
    infrastructure = EmbeddedInfrastructure.start(0);
    platform = SimulatedPlatformOnly.start();
    int starterPort = freePort();
    api = "http://127.0.0.1:" + starterPort + "/api/v1/shops/" + SHOP;
    starter = launch(STARTER_JAR, "starter", Map.of("SERVER_PORT", String.valueOf(starterPort)));
    worker = launch(WORKER_JAR, "worker", Map.of());
    awaitHealthy("http://127.0.0.1:" + starterPort + "/actuator/health");
    seedShop();
  }

  @AfterAll
  static void stop() {
    for (Process p : new Process[] {worker, starter}) {
      if (p != null) {
        p.destroyForcibly();
      }
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
    String platformUrl =
        "http://127.0.0.1:"
            + platform.getEnvironment().getProperty("local.server.port")
            + "/sandbox/shops/"
            + SHOP;
    Shop shop =
        shops.upsert(SHOP, PlatformKind.SHOPIFY, platformUrl, "shpat_separate", "secret", "USD");
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

    JsonNode done = completed(redemption.get("redemptionId").asText());

    assertThat(done.get("outcome").asText()).isEqualTo("CANCELLED");
    assertThat(call("GET", api + "/customers/7", null).get("pointsBalance").asLong())
        .isEqualTo(900);
  }

  @Test
  void aWorkerKilledWhileRevocationRetriesStillFinishesTheSagaOnce() throws Exception {
    long reward = call("GET", api + "/rewards", null).get(0).get("rewardId").asLong();
    call("POST", api + "/customers/8/adjustments", Map.of("points", 900, "note", "start"));
    String id =
        call("POST", api + "/customers/8/redemptions", Map.of("rewardId", reward))
            .get("redemptionId")
            .asText();
    String sandbox =
        "http://127.0.0.1:"
            + platform.getEnvironment().getProperty("local.server.port")
            + "/sandbox/shops/"
            + SHOP;
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

    JsonNode first =
        call(
            "POST",
            api + "/redemptions/" + id + "/cancellation",
            Map.of("refundPointsAnyway", false));
    assertThat(first.get("status").asText()).isEqualTo("RUNNING");
    worker.destroyForcibly().waitFor(); // SIGKILL while the retry waits out its Retry-After
    Thread.sleep(2_000);
    worker = launch(WORKER_JAR, "worker-restarted", Map.of());

    JsonNode done = completed(id);

    assertThat(done.get("outcome").asText()).isEqualTo("CANCELLED");
    JsonNode entries = call("GET", api + "/customers/8/activity", null).get("entries");
    assertThat(entries.findValuesAsText("kind").stream().filter("REDEMPTION_REFUND"::equals))
        .hasSize(1);
    assertThat(call("GET", api + "/customers/8", null).get("pointsBalance").asLong())
        .isEqualTo(900);
  }

  private static JsonNode completed(String redemptionId) throws Exception {
    String path = api + "/redemptions/" + redemptionId + "/cancellation";
    JsonNode answer = call("POST", path, Map.of("refundPointsAnyway", false));
    Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
    while (!"COMPLETED".equals(answer.get("status").asText()) && Instant.now().isBefore(deadline)) {
      Thread.sleep(300);
      answer = call("GET", path, null);
    }
    assertThat(answer.get("status").asText()).as(logTails()).isEqualTo("COMPLETED");
    return answer;
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

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
