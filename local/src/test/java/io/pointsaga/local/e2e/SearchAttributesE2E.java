package io.pointsaga.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pointsaga.temporal.PointSagaSearchAttributes;
import io.pointsaga.temporal.WorkflowIds;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributes;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sagas' custom search attributes on a real server that nobody prepared: {@code .ci/e2e} starts
 * the dev server without them, so they exist only because the worker registered them at start-up
 * ({@code SearchAttributeRegistration}); the sagas then set them, and an operator finds a saga by
 * each of them.
 */
class SearchAttributesE2E {
  private static E2EStack stack;
  private static Histories histories;

  @BeforeAll
  static void start() {
    stack = E2EStack.get();
    histories = new Histories(stack.client);
  }

  @Test
  void theWorkerRegisteredEverySagaSearchAttributeOnAServerStartedWithoutThem() throws Exception {
    List<String> serverCommand = Files.readAllLines(stack.properties.temporalArgsFile());
    assertThat(serverCommand)
        .as("the dev server's command line registers no search attribute itself")
        .isNotEmpty()
        .noneMatch(argument -> argument.startsWith("--search-attribute"));

    Map<String, IndexedValueType> custom = stack.customSearchAttributes();

    for (SearchAttributeKey<String> key : PointSagaSearchAttributes.ALL) {
      assertThat(custom)
          .as("custom search attributes of namespace %s", E2EStack.NAMESPACE)
          .containsEntry(key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    }
  }

  @Test
  void aCancellationSagaIsFoundByItsShopCustomerRedemptionAndOutcome() throws Exception {
    String customer = stack.newCustomer();
    JsonNode redemption = stack.redeem(customer, 600);
    String id = redemption.get("redemptionId").asText();
    assertThat(stack.awaitCancellation(id, Duration.ofSeconds(60)).get("outcome").asText())
        .isEqualTo("CANCELLED");
    String workflowId = WorkflowIds.cancelRedemption(E2EStack.SHOP, id);

    histories.expectFound("PointSagaShop = '" + E2EStack.SHOP + "'", workflowId);
    histories.expectFound("PointSagaCustomer = '" + customer + "'", workflowId);
    histories.expectFound("PointSagaOutcome = 'CANCELLED'", workflowId);
    List<WorkflowExecutionMetadata> byRedemption =
        histories.list(
            "PointSagaRedemption = '" + id + "' AND WorkflowType = 'CancelRedemptionWorkflow'",
            Histories.containsWorkflow(workflowId),
            Duration.ofSeconds(15));
    assertThat(byRedemption).as("the cancellation saga of %s", id).hasSize(1);

    SearchAttributes attributes = byRedemption.get(0).getTypedSearchAttributes();
    assertThat(attributes.get(PointSagaSearchAttributes.SHOP)).isEqualTo(E2EStack.SHOP);
    assertThat(attributes.get(PointSagaSearchAttributes.CUSTOMER)).isEqualTo(customer);
    assertThat(attributes.get(PointSagaSearchAttributes.REDEMPTION)).isEqualTo(id);
    assertThat(attributes.get(PointSagaSearchAttributes.OUTCOME)).isEqualTo("CANCELLED");
  }
}
