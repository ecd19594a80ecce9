package io.pointsaga.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.pointsaga.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The worker as deployed ({@code worker.yml}): its HTTP port serves the actuator only, health to
 * anyone and {@code /actuator/prometheus} with the operator token (SPEC §8, §12), with the business
 * series and the Temporal SDK's.
 */
@SpringBootTest(
    classes = WorkerApplication.class,
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=worker",
      "spring.temporal.test-server.enabled=true",
      "pointsaga.operator-token=worker-operator-token"
    })
@AutoConfigureObservability(tracing = false)
class WorkerActuatorTest {
  private static final TestDatabase DB = TestDatabase.create();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", DB::url);
    registry.add("spring.datasource.username", DB::username);
    registry.add("spring.datasource.password", () -> "");
  }

  @LocalServerPort int port;

  private HttpResponse<String> get(String path, String token) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void healthIsOpenAndEverythingElseNeedsTheOperatorToken() throws Exception {
    assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);

    HttpResponse<String> none = get("/actuator/prometheus", null);
    HttpResponse<String> wrong = get("/actuator/prometheus", "not-the-token");
    HttpResponse<String> unknown = get("/actuator/env", null);

    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.body()).contains("\"error\":\"unauthorized\"").doesNotContain("jvm_");
    assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(unknown.statusCode()).isEqualTo(401);
  }

  @Test
  void prometheusWithTheTokenHasTheBusinessAndTheTemporalSeries() throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    HttpResponse<String> scrape = get("/actuator/prometheus", "worker-operator-token");
    // the SDK's scope reports every 10 s: its series appear after the first report
    while (!scrape.body().contains("temporal_worker_start_total")
        && Instant.now().isBefore(deadline)) {
      Thread.sleep(250);
      scrape = get("/actuator/prometheus", "worker-operator-token");
    }

    assertThat(scrape.statusCode()).isEqualTo(200);
    assertThat(scrape.body())
        .contains("pointsaga_points_total{kind=\"EARN\"}")
        .contains("pointsaga_attention_open{kind=\"ORDER_EVENT_FAILED\"}")
        .contains("temporal_worker_start_total");
  }
}
