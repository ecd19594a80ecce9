package io.pointsaga.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.pointsaga.temporal.WorkflowIds;
import io.temporal.client.WorkflowExecutionMetadata;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What an operator sees: headless Chromium opens the Temporal UI on a query that finds one
 * cancellation saga, and on that saga's page, and keeps screenshots of both. The query is by {@code
 * WorkflowId} until the workflows set their search attributes, then by {@code PointSagaRedemption}
 * ({@code -Dpointsaga.e2e.searchAttributes=required}).
 */
class TemporalUiE2E {
  /**
   * A 1400x900 screenshot of an empty page is a few KB; the UI with a listed workflow is far more.
   */
  private static final long NON_TRIVIAL_PNG_BYTES = 20_000;

  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  private static E2EStack stack;

  @BeforeAll
  static void start() {
    stack = E2EStack.get();
  }

  @Test
  void theTemporalUiShowsTheCancellationSaga() throws Exception {
    String id = stack.redeem(stack.newCustomer(), 600).get("redemptionId").asText();
    assertThat(stack.awaitCancellation(id, Duration.ofSeconds(60)).get("outcome").asText())
        .isEqualTo("CANCELLED");
    String workflowId = WorkflowIds.cancelRedemption(E2EStack.SHOP, id);
    List<WorkflowExecutionMetadata> listed =
        new Histories(stack.client)
            .list(
                "WorkflowId = '" + workflowId + "'",
                Histories.containsWorkflow(workflowId),
                Duration.ofSeconds(15));
    assertThat(listed).hasSize(1);
    String runId = listed.get(0).getExecution().getRunId();

    String query =
        stack.properties.searchAttributesRequired()
            ? "PointSagaRedemption=\"" + id + "\""
            : "WorkflowId=\"" + workflowId + "\"";
    String ui = stack.properties.temporalUi() + "/namespaces/" + E2EStack.NAMESPACE;
    String listUrl = ui + "/workflows?query=" + encode(query);
    String sagaUrl = ui + "/workflows/" + encode(workflowId) + "/" + runId + "/history";

    Path list = screenshot(listUrl, "temporal-ui-workflows.png");
    Path saga = screenshot(sagaUrl, "temporal-ui-cancellation-saga.png");

    System.out.println("E2E Temporal UI screenshot: " + list + " (" + listUrl + ")");
    System.out.println("E2E Temporal UI screenshot: " + saga + " (" + sagaUrl + ")");
  }

  private static Path screenshot(String url, String name) throws Exception {
    Path png = stack.properties.outputDir().resolve(name);
    Files.deleteIfExists(png);
    Path profile = Files.createTempDirectory("e2e-chromium-");
    Path log =
        stack.properties.outputDir().resolve("logs").resolve(name.replace(".png", "-chromium.log"));
    try {
      Process chromium =
          stack.startRecorded(
              new ProcessBuilder(
                      stack.properties.chromium().toString(),
                      "--headless",
                      "--no-sandbox",
                      "--disable-gpu",
                      "--disable-background-networking",
                      "--disable-component-update",
                      "--no-first-run",
                      "--user-data-dir=" + profile,
                      "--window-size=1400,900",
                      "--virtual-time-budget=10000",
                      "--screenshot=" + png,
                      url)
                  .redirectErrorStream(true)
                  .redirectOutput(log.toFile()));
      if (!chromium.waitFor(90, TimeUnit.SECONDS)) {
        chromium.destroyForcibly();
        throw new AssertionError(
            "Chromium did not finish the screenshot of " + url + " in 90 s; see " + log);
      }
      assertThat(png)
          .as("screenshot of %s (Chromium exit %s, log %s)", url, chromium.exitValue(), log)
          .exists();
      byte[] bytes = Files.readAllBytes(png);
      assertThat(Arrays.copyOf(bytes, PNG_SIGNATURE.length))
          .as("PNG signature of %s", png)
          .isEqualTo(PNG_SIGNATURE);
      assertThat((long) bytes.length).as("size of %s", png).isGreaterThan(NON_TRIVIAL_PNG_BYTES);
      return png;
    } finally {
      deleteRecursively(profile);
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
