package io.pointsaga.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WorkflowIdsTest {
  static final String SHOP = "demo-shop.myshopify.com";
  static final String REDEMPTION = "rdm_7KX2M9QF3A";

  @Test
  void idsReadWellAndDifferPerSaga() {
    assertThat(WorkflowIds.cancelRedemption(SHOP, REDEMPTION))
        .isEqualTo("cancel-redemption/demo-shop.myshopify.com/rdm_7KX2M9QF3A");
    assertThat(WorkflowIds.redeemReward(SHOP, REDEMPTION))
        .isEqualTo("redeem-reward/demo-shop.myshopify.com/rdm_7KX2M9QF3A");
  }

  @Test
  void theRedemptionIdComesBackOutOfEitherSagasId() {
    assertThat(WorkflowIds.redemptionIdOf(WorkflowIds.cancelRedemption(SHOP, REDEMPTION)))
        .contains(REDEMPTION);
    assertThat(WorkflowIds.redemptionIdOf(WorkflowIds.redeemReward(SHOP, REDEMPTION)))
        .contains(REDEMPTION);
  }

  @Test
  void theReconciliationSagaIsOnePerShopAndItsShopComesBack() {
    assertThat(WorkflowIds.reconcile(SHOP)).isEqualTo("reconcile/demo-shop.myshopify.com");
    assertThat(WorkflowIds.reconciledShopOf(WorkflowIds.reconcile(SHOP))).contains(SHOP);
    assertThat(WorkflowIds.reconciledShopOf(WorkflowIds.order(SHOP, "1001"))).isEmpty();
    assertThat(WorkflowIds.redemptionIdOf(WorkflowIds.reconcile(SHOP))).isEmpty();
    assertThatIllegalArgumentException().isThrownBy(() -> WorkflowIds.reconcile("a/b"));
  }

  @Test
  void sameRedemptionInAnotherShopIsAnotherWorkflow() {
    assertThat(WorkflowIds.cancelRedemption("other-shop.myshopify.com", REDEMPTION))
        .isNotEqualTo(WorkflowIds.cancelRedemption(SHOP, REDEMPTION));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "rdm_7KX2M9QF3A",
        "cancel-redemption/demo-shop.myshopify.com",
        "cancel-redemption/demo-shop.myshopify.com/rdm_1/extra",
        "refund-order/demo-shop.myshopify.com/rdm_7KX2M9QF3A"
      })
  void otherIdsAreNotRedemptionSagas(String workflowId) {
    assertThat(WorkflowIds.redemptionIdOf(workflowId)).isEmpty();
  }

  @Test
  void rejectsASlashInTheShopOrTheRedemptionId() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> WorkflowIds.cancelRedemption("demo-shop/evil", REDEMPTION))
        .withMessageContaining("'/'");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> WorkflowIds.redeemReward(SHOP, "rdm_1/rdm_2"))
        .withMessageContaining("'/'");
  }
}
