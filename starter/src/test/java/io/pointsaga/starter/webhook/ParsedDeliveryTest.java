package io.pointsaga.starter.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pointsaga.order.OrderEvent;
import io.pointsaga.order.OrderEventKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ParsedDeliveryTest {

  private final ParsedDelivery refund =
      new ShopifyWebhookParser()
          .parse("refunds/create", WebhookFixtures.json("shopify/refunds-create-line.json"));

  @Test
  void theInboxIdIsSetOnceRecordedAndNothingElseChanges() {
    ParsedDelivery recorded = refund.withInboxId(42);

    assertThat(recorded.event().inboxId()).isEqualTo(42);
    assertThat(recorded.event())
        .usingRecursiveComparison()
        .ignoringFields("inboxId")
        .isEqualTo(refund.event());
    assertThat(recorded.businessKey()).isEqualTo(refund.businessKey());
    assertThat(refund.event().inboxId()).isZero();
  }

  @Test
  void theShopDomainIsSetAndNothingElseChanges() {
    ParsedDelivery forShop = refund.withInboxId(7).withShopDomain("demo-shop.myshopify.com");

    assertThat(forShop.event().shopDomain()).isEqualTo("demo-shop.myshopify.com");
    assertThat(forShop.event().inboxId()).isEqualTo(7);
    assertThat(forShop.event())
        .usingRecursiveComparison()
        .ignoringFields("inboxId", "shopDomain")
        .isEqualTo(refund.event());
    assertThat(refund.event().shopDomain()).isNull();
  }

  @Test
  void bigCommerceEventsKeepTheirPlatformIds() {
    ParsedDelivery status =
        new BigCommerceWebhookParser()
            .parse(WebhookFixtures.json("bigcommerce/order-status-updated.json"))
            .withInboxId(9);

    assertThat(status.event().platformStatusId()).isEqualTo(11);
    assertThat(status.event().kind()).isEqualTo(OrderEventKind.BIGCOMMERCE_STATUS_CHANGED);
    assertThat(status.event().inboxId()).isEqualTo(9);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {" "})
  void aDeliveryNeedsABusinessKey(String businessKey) {
    OrderEvent event = refund.event();

    assertThatThrownBy(() -> new ParsedDelivery(event, businessKey))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("business key");
  }

  @Test
  void aDeliveryNeedsAnEvent() {
    assertThatThrownBy(() -> new ParsedDelivery(null, "refund:1"))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("event");
  }
}
