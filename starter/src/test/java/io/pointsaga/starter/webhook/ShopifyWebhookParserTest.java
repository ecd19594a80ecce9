package io.pointsaga.starter.webhook;

import static io.pointsaga.starter.webhook.WebhookFixtures.json;
import static io.pointsaga.starter.webhook.WebhookFixtures.with;
import static io.pointsaga.starter.webhook.WebhookFixtures.without;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pointsaga.order.OrderEdit;
import io.pointsaga.order.OrderEvent;
import io.pointsaga.order.OrderEventKind;
import io.pointsaga.order.OrderLine;
import io.pointsaga.order.OrderSnapshot;
import io.pointsaga.order.RefundLine;
import io.pointsaga.order.RefundSnapshot;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ShopifyWebhookParserTest {

  private static final String ORDER_ID = "5801203617891";
  private static final String SOCKS_LINE = "14021562056803";
  private static final String TOTE_LINE = "14021562089571";

  private final ShopifyWebhookParser parser = new ShopifyWebhookParser();

  // orders/paid

  @Test
  void ordersPaidIsThePaidEventOfTheOrder() {
    ParsedDelivery delivery = parser.parse("orders/paid", json("shopify/orders-paid.json"));

    OrderEvent event = delivery.event();
    assertThat(delivery.businessKey()).isEqualTo("order:5801203617891:paid");
    assertThat(event.kind()).isEqualTo(OrderEventKind.PAID);
    assertThat(event.eventKey()).isEqualTo("paid");
    assertThat(event.orderId()).isEqualTo(ORDER_ID);
    assertThat(event.inboxId()).isZero();
    assertThat(event.shopDomain()).isNull();
    assertThat(event.refund()).isNull();
    assertThat(event.platformRefundId()).isNull();
    assertThat(event.platformStatusId()).isNull();
  }

  @Test
  void ordersPaidCarriesTheOrderNetOfDiscountAllocationsWithoutShippingOrTax() {
    OrderSnapshot order =
        parser.parse("orders/paid", json("shopify/orders-paid.json")).event().order();

    assertThat(order)
        .isEqualTo(
            new OrderSnapshot(
                ORDER_ID,
                "115310627314723954",
                "USD",
                List.of(
                    new OrderLine(SOCKS_LINE, money("33.33"), money("40.00"), 2),
                    new OrderLine(TOTE_LINE, money("16.67"), money("20.00"), 1)),
                List.of("PTS-7Q4M-K2XD"),
                "paid",
                false,
                List.of(),
                money("5.00")));
    BigDecimal effectiveSpend =
        order.lines().stream()
            .map(OrderLine::amountAfterDiscounts)
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat(effectiveSpend).isEqualTo(money("50.00"));
  }

  @Test
  void idsKeepAllTheirDigitsEvenBeyondALong() {
    ObjectNode payload = json("shopify/orders-paid.json");
    with(payload, "/customer/id", "18446744073709551617");
    with(payload, "/line_items/0/id", "\"14021562056803\"");

    OrderSnapshot order = parser.parse("orders/paid", payload).event().order();

    assertThat(order.customerId()).isEqualTo("18446744073709551617");
    assertThat(order.lines().get(0).lineItemId()).isEqualTo(SOCKS_LINE);
  }

  @Test
  void aGuestOrderHasNoCustomer() {
    ObjectNode nullCustomer = with(json("shopify/orders-paid.json"), "/customer", "null");
    ObjectNode noCustomer = without(json("shopify/orders-paid.json"), "/customer");

    assertThat(parser.parse("orders/paid", nullCustomer).event().order().customerId()).isNull();
    assertThat(parser.parse("orders/paid", noCustomer).event().order().customerId()).isNull();
  }

  @Test
  void anOrderWithoutCodesOrRefundsListsNone() {
    ObjectNode payload = without(json("shopify/orders-paid.json"), "/discount_codes");
    without(payload, "/refunds");

    OrderSnapshot order = parser.parse("orders/paid", payload).event().order();

    assertThat(order.discountCodes()).isEmpty();
    assertThat(order.refunds()).isEmpty();
  }

  @Test
  void moreDecimalsThanTheCurrencyHasAreInvalidNotRounded() {
    // SPEC §8: "0.335" used to be rounded to 0.34 x 3; now it is refused (USD has 2 decimals)
    ObjectNode payload = json("shopify/orders-paid.json");
    with(payload, "/line_items/0/price", "\"0.335\"");

    assertThatThrownBy(() -> parser.parse("orders/paid", payload))
        .isInstanceOf(InvalidWebhookException.class)
        .hasMessage(
            "Shopify orders/paid payload: line_items[0].price has more than 2 decimals, which USD"
                + " has");
  }

  @Test
  void amountsAlwaysHaveTwoDecimals() {
    ObjectNode payload = json("shopify/orders-paid.json");
    with(payload, "/line_items/1/price", "\"20\"");
    with(payload, "/line_items/1/discount_allocations/0/amount", "\"5\"");

    List<OrderLine> lines = parser.parse("orders/paid", payload).event().order().lines();

    assertThat(lines).extracting(line -> line.amountAfterDiscounts().scale()).containsOnly(2);
    assertThat(lines.get(1).amountAfterDiscounts()).isEqualTo(money("15.00"));
  }

  @Test
  void theShopDomainCanBeGivenWithThePayload() {
    ParsedDelivery delivery =
        parser.parse("demo-shop.myshopify.com", "orders/paid", json("shopify/orders-paid.json"));

    assertThat(delivery.event().shopDomain()).isEqualTo("demo-shop.myshopify.com");
    assertThat(delivery.event().order().orderId()).isEqualTo(ORDER_ID);
  }

  // refunds/create

  @Test
  void refundOfTheTwentyDollarLineRefundsItsDiscountedSubtotalAndNoShipping() {
    ParsedDelivery delivery =
        parser.parse("refunds/create", json("shopify/refunds-create-line.json"));

    OrderEvent event = delivery.event();
    assertThat(delivery.businessKey()).isEqualTo("refund:1042363105379");
    assertThat(event.kind()).isEqualTo(OrderEventKind.REFUND_CREATED);
    assertThat(event.eventKey()).isEqualTo("refund:1042363105379");
    assertThat(event.orderId()).isEqualTo(ORDER_ID);
    assertThat(event.order()).isNull();
    assertThat(event.inboxId()).isZero();
    assertThat(event.platformRefundId()).isNull();
    assertThat(event.platformStatusId()).isNull();
    assertThat(event.refund())
        .isEqualTo(
            new RefundSnapshot(
                "1042363105379",
                List.of(new RefundLine(TOTE_LINE, money("16.67"))),
                money("0.00"),
                false));
    assertThat(event.refund().refundedAmount()).isEqualTo(money("16.67"));
  }

  @Test
  void shippingOnlyRefundRefundsNoLineAmount() {
    RefundSnapshot refund =
        parser
            .parse("refunds/create", json("shopify/refunds-create-shipping-only.json"))
            .event()
            .refund();

    assertThat(refund)
        .isEqualTo(new RefundSnapshot("1042363138147", List.of(), money("5.00"), false));
    assertThat(refund.refundedAmount()).isZero();
  }

  @Test
  void shippingRefundsBefore2024_10AreReadFromOrderAdjustments() {
    RefundSnapshot refund =
        parser
            .parse("refunds/create", json("shopify/refunds-create-shipping-only-2024-07.json"))
            .event()
            .refund();

    // the -0.50 refund_discrepancy adjustment is not shipping
    assertThat(refund)
        .isEqualTo(new RefundSnapshot("1042363138147", List.of(), money("5.00"), false));
  }

  @Test
  void shippingIsCountedOnceWhenAPayloadHasBothShapes() {
    ObjectNode payload = json("shopify/refunds-create-shipping-only-2024-07.json");
    payload.set(
        "refund_shipping_lines",
        json("shopify/refunds-create-shipping-only.json").get("refund_shipping_lines"));

    assertThat(parser.parse("refunds/create", payload).event().refund().shippingRefunded())
        .isEqualTo(money("5.00"));
  }

  @Test
  void refundToStoreCreditIsMarkedAsSuch() {
    RefundSnapshot refund =
        parser
            .parse("refunds/create", json("shopify/refunds-create-store-credit.json"))
            .event()
            .refund();

    assertThat(refund)
        .isEqualTo(
            new RefundSnapshot(
                "1042363170915",
                List.of(new RefundLine(SOCKS_LINE, money("33.33"))),
                money("0.00"),
                true));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"store-credit", "store_credit", "shopify_store_credit", "Shopify_Store_Credit"})
  void everyStoreCreditGatewayNameCounts(String gateway) {
    ObjectNode payload = json("shopify/refunds-create-line.json");
    with(payload, "/transactions/0/gateway", '"' + gateway + '"');

    assertThat(parser.parse("refunds/create", payload).event().refund().storeCredit()).isTrue();
  }

  @Test
  void aRefundSplitBetweenStoreCreditAndTheCardIsNotStoreCredit() {
    ObjectNode payload = json("shopify/refunds-create-store-credit.json");
    payload.withArray("transactions").add(cardRefund("success"));

    assertThat(parser.parse("refunds/create", payload).event().refund().storeCredit()).isFalse();
  }

  @Test
  void aFailedCardAttemptBesideTheStoreCreditDoesNotCount() {
    ObjectNode payload = json("shopify/refunds-create-store-credit.json");
    payload.withArray("transactions").add(cardRefund("failure"));

    assertThat(parser.parse("refunds/create", payload).event().refund().storeCredit()).isTrue();
  }

  @Test
  void aRefundWithoutRefundTransactionsIsNotStoreCredit() {
    ObjectNode noTransactions =
        with(json("shopify/refunds-create-line.json"), "/transactions", "[]");
    ObjectNode onlyAnAuthorization = json("shopify/refunds-create-store-credit.json");
    with(onlyAnAuthorization, "/transactions/0/kind", "\"authorization\"");

    assertThat(parser.parse("refunds/create", noTransactions).event().refund().storeCredit())
        .isFalse();
    assertThat(parser.parse("refunds/create", onlyAnAuthorization).event().refund().storeCredit())
        .isFalse();
  }

  // orders/updated

  @Test
  void ordersUpdatedIsAStatusChangeKeyedByStatusAndTime() {
    ParsedDelivery delivery =
        new ShopifyWebhookParser("CAD") // a Canadian shop
            .parse("orders/updated", json("shopify/orders-updated-voided.json"));

    OrderEvent event = delivery.event();
    assertThat(delivery.businessKey())
        .isEqualTo("order:5801209843811:updated:2026-11-23T11:05:42-05:00");
    assertThat(event.kind()).isEqualTo(OrderEventKind.STATUS_CHANGED);
    assertThat(event.eventKey()).isEqualTo("status:voided:2026-11-23T11:05:42-05:00");
    assertThat(event.orderId()).isEqualTo("5801209843811");
    assertThat(event.refund()).isNull();
    assertThat(event.inboxId()).isZero();
    assertThat(event.order())
        .isEqualTo(
            new OrderSnapshot(
                "5801209843811",
                "7401922003043",
                "CAD",
                List.of(
                    new OrderLine("14021570019427", money("116.10"), money("129.00"), 1),
                    new OrderLine("14021570052195", money("17.05"), money("24.50"), 1)),
                List.of("WELCOME5"),
                "voided",
                true,
                List.of()));
  }

  @Test
  void eachUpdateOfAnOrderIsItsOwnEvent() {
    ObjectNode first = json("shopify/orders-paid.json");
    ObjectNode later =
        with(json("shopify/orders-paid.json"), "/updated_at", "\"2026-11-21T08:00:00-05:00\"");

    ParsedDelivery one = parser.parse("orders/updated", first);
    ParsedDelivery two = parser.parse("orders/updated", later);

    assertThat(one.businessKey())
        .isEqualTo("order:5801203617891:updated:2026-11-20T14:02:13-05:00");
    assertThat(one.event().eventKey()).isEqualTo("status:paid:2026-11-20T14:02:13-05:00");
    assertThat(two.businessKey()).isNotEqualTo(one.businessKey());
    assertThat(two.event().eventKey()).isNotEqualTo(one.event().eventKey());
  }

  // orders/cancelled

  @Test
  void ordersCancelledCarriesTheOrderWithItsRefunds() {
    ParsedDelivery delivery =
        parser.parse("orders/cancelled", json("shopify/orders-cancelled.json"));

    OrderEvent event = delivery.event();
    assertThat(delivery.businessKey()).isEqualTo("order:5801203617891:cancelled");
    assertThat(event.kind()).isEqualTo(OrderEventKind.CANCELLED);
    assertThat(event.eventKey()).isEqualTo("cancelled");
    assertThat(event.orderId()).isEqualTo(ORDER_ID);
    assertThat(event.refund()).isNull();
    assertThat(event.order())
        .isEqualTo(
            new OrderSnapshot(
                ORDER_ID,
                "115310627314723954",
                "USD",
                List.of(
                    new OrderLine(SOCKS_LINE, money("33.33"), money("40.00"), 2),
                    new OrderLine(TOTE_LINE, money("16.67"), money("20.00"), 1)),
                List.of("PTS-7Q4M-K2XD"),
                "refunded",
                true,
                List.of(
                    new RefundSnapshot(
                        "1042363203683",
                        List.of(
                            new RefundLine(SOCKS_LINE, money("33.33")),
                            new RefundLine(TOTE_LINE, money("16.67"))),
                        money("5.00"),
                        false)),
                money("5.00")));
  }

  @Test
  void theEventsOfOneOrderHaveDistinctKeys() {
    List<ParsedDelivery> deliveries =
        List.of(
            parser.parse("orders/paid", json("shopify/orders-paid.json")),
            parser.parse("orders/updated", json("shopify/orders-paid.json")),
            parser.parse("refunds/create", json("shopify/refunds-create-line.json")),
            parser.parse("orders/cancelled", json("shopify/orders-cancelled.json")));

    assertThat(deliveries).extracting(d -> d.event().orderId()).containsOnly(ORDER_ID);
    assertThat(deliveries).extracting(ParsedDelivery::businessKey).doesNotHaveDuplicates();
    assertThat(deliveries).extracting(d -> d.event().eventKey()).doesNotHaveDuplicates();
  }

  // topics

  @ParameterizedTest
  @ValueSource(strings = {"orders/create", "products/update", "ORDERS/PAID", "app/uninstalled"})
  void otherTopicsAreUnsupported(String topic) {
    assertThatThrownBy(() -> parser.parse(topic, json("shopify/orders-paid.json")))
        .isInstanceOfSatisfying(
            UnsupportedTopicException.class, e -> assertThat(e.topic()).isEqualTo(topic))
        .hasMessage(
            "Shopify topic '"
                + topic
                + "' is not handled; subscribe only to orders/paid, refunds/create,"
                + " orders/updated, orders/cancelled, orders/edited");
  }

  @ParameterizedTest
  @NullAndEmptySource
  void aMissingTopicIsUnsupported(String topic) {
    assertThatThrownBy(() -> parser.parse(topic, json("shopify/orders-paid.json")))
        .isInstanceOf(UnsupportedTopicException.class)
        .hasMessageStartingWith("Shopify topic");
  }

  @Test
  void listsTheTopicsToSubscribeTo() {
    assertThat(ShopifyWebhookParser.TOPICS)
        .containsExactly(
            "orders/paid", "refunds/create", "orders/updated", "orders/cancelled", "orders/edited");
  }

  /** Shopify's orders/edited payload: the edit's lines and unit deltas, no prices. */
  @Test
  void readsAnOrderEditAsTheLinesAndUnitsItAddsAndRemoves() {
    ParsedDelivery delivery =
        parser.parse(
            "orders/edited",
            WebhookFixtures.parse(
                """
                {"order_edit": {"id": 78912328, "app_id": null, "created_at": "2026-11-30T10:00:00Z",
                  "committed_at": "2026-11-30T10:00:05Z", "notify_customer": false,
                  "order_id": 5801203617891, "staff_note": "", "user_id": null,
                  "line_items": {"additions": [{"id": 14021562089571, "delta": 1}],
                                 "removals": [{"id": 14021562056803, "delta": 2}]},
                  "discounts": {"line_item": {"additions": [], "removals": []}},
                  "shipping_lines": {"additions": [], "removals": []}}}
                """));

    OrderEvent event = delivery.event();
    assertThat(event.kind()).isEqualTo(OrderEventKind.ORDER_EDITED);
    assertThat(event.orderId()).isEqualTo(ORDER_ID);
    assertThat(event.eventKey()).isEqualTo("edit:78912328");
    assertThat(delivery.businessKey()).isEqualTo("order:" + ORDER_ID + ":edit:78912328");
    assertThat(event.edit().additions())
        .containsExactly(new OrderEdit.QuantityChange(TOTE_LINE, 1));
    assertThat(event.edit().removals())
        .containsExactly(new OrderEdit.QuantityChange(SOCKS_LINE, 2));
  }

  @Test
  void anOrderEditWithoutItsOrderOrWithAZeroDeltaIsRefused() {
    assertThatThrownBy(
            () ->
                parser.parse(
                    "orders/edited",
                    WebhookFixtures.parse(
                        "{\"order_edit\": {\"id\": 1, \"line_items\": {\"removals\": []}}}")))
        .isInstanceOf(MalformedWebhookException.class)
        .hasMessageContaining("order_id");
    assertThatThrownBy(
            () ->
                parser.parse(
                    "orders/edited",
                    WebhookFixtures.parse(
                        "{\"order_edit\": {\"id\": 1, \"order_id\": 2, \"line_items\":"
                            + " {\"removals\": [{\"id\": 3, \"delta\": 0}]}}}")))
        .isInstanceOf(InvalidWebhookException.class)
        .hasMessageContaining("delta of 0");
  }

  private static ObjectNode cardRefund(String status) {
    return WebhookFixtures.JSON
        .createObjectNode()
        .put("kind", "refund")
        .put("gateway", "shopify_payments")
        .put("amount", "10.00")
        .put("status", status);
  }

  private static BigDecimal money(String amount) {
    return new BigDecimal(amount);
  }
}
