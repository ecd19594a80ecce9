package io.pointsaga.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pointsaga.temporal.WorkflowIds;
import io.temporal.client.WorkflowExecutionMetadata;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What an operator sees: headless Chromium opens the Temporal UI on a query by the saga's {@code
 * PointSagaRedemption} search attribute and on the cancellation saga's own page, and the test reads
 * those pages' DOM: the list holds exactly the redemption's two sagas (redeem, cancel), completed;
 * the cancellation's page names it, says it completed, and shows its summary. Screenshots of both
 * pages are kept in {@code target/e2e/} for people.
 */
class TemporalUiE2E {
  private static E2EStack stack;
  private static HeadlessChromium chromium;

  @BeforeAll
  static void start() {
    stack = E2EStack.get();
    chromium = new HeadlessChromium(stack);
  }

  @Test
  void theTemporalUiListsTheCancellationSagaAndShowsItsStatusAndSummary() throws Exception {
    String customer = stack.newCustomer();
    JsonNode redemption = stack.redeem(customer, 600);
    String id = redemption.get("redemptionId").asText();
    String coupon = redemption.get("couponCode").asText();
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
    // The summary the starter gave the saga, as the server keeps it: the UI must show this text.
    String summary = stack.client.newUntypedWorkflowStub(workflowId).describe().getStaticSummary();
    assertThat(summary).as("the saga's static summary").contains(id, customer, coupon);

    String ui = stack.properties.temporalUi() + "/namespaces/" + E2EStack.NAMESPACE;
    String listUrl = ui + "/workflows?query=" + encode("PointSagaRedemption=\"" + id + "\"");
    String sagaUrl = ui + "/workflows/" + encode(workflowId) + "/" + runId + "/history";

    // The redemption's two sagas carry its id: the one that redeemed it and the cancellation.
    String redeemId = WorkflowIds.redeemReward(E2EStack.SHOP, id);
    UiDom list =
        awaitPage(
            listUrl,
            "temporal-ui-workflows.html",
            dom ->
                dom.text().contains(workflowId) && dom.text().contains(redeemId)
                    ? Optional.empty()
                    : Optional.of("no rows for " + workflowId + " and " + redeemId));
    assertThat(list.count("workflows-summary-configurable-table-row"))
        .as("rows the query finds")
        .isEqualTo(2);
    assertThat(list.textsOf("execution-status"))
        .as("the rows' statuses")
        .containsExactly("Completed", "Completed");
    assertThat(list.text())
        .contains(workflowId, runId, "CancelRedemptionWorkflow", redeemId, "RedeemRewardWorkflow");

    UiDom saga =
        awaitPage(
            sagaUrl,
            "temporal-ui-cancellation-saga.html",
            dom ->
                heading(dom).equals(workflowId)
                    ? Optional.empty()
                    : Optional.of("no heading " + workflowId));
    assertThat(heading(saga)).as("the page's heading").isEqualTo(workflowId);
    assertThat(saga.textOf("execution-status")).as("the saga's status").hasValue("Completed");
    assertThat(saga.text()).as("the saga's page").contains("Summary " + summary);

    Path listPng = chromium.screenshot(listUrl, "temporal-ui-workflows.png");
    Path sagaPng = chromium.screenshot(sagaUrl, "temporal-ui-cancellation-saga.png");
    System.out.println("E2E Temporal UI screenshot: " + listPng + " (" + listUrl + ")");
    System.out.println("E2E Temporal UI screenshot: " + sagaPng + " (" + sagaUrl + ")");
  }

  /**
   * Loads the page until {@code missing} finds nothing missing (the UI fetches its data after the
   * page loaded, visibility lags a little), at most 60 s; answers its DOM.
   */
  private static UiDom awaitPage(String url, String name, Function<UiDom, Optional<String>> missing)
      throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    UiDom dom = new UiDom(chromium.dumpDom(url, name));
    Optional<String> lacking = missing.apply(dom);
    while (lacking.isPresent() && Instant.now().isBefore(deadline)) {
      Thread.sleep(500);
      dom = new UiDom(chromium.dumpDom(url, name));
      lacking = missing.apply(dom);
    }
    assertThat(lacking)
        .as("%s (DOM kept in %s)", url, stack.properties.outputDir().resolve(name))
        .isEmpty();
    return dom;
  }

  /** The workflow id the page's heading names (the heading's first word; a copy button follows). */
  private static String heading(UiDom page) {
    return page.textOf("workflow-id-heading").orElse("").split(" ")[0];
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
