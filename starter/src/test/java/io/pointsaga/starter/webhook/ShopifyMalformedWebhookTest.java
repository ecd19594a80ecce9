package io.pointsaga.starter.webhook;

import static io.pointsaga.starter.webhook.WebhookFixtures.json;
import static io.pointsaga.starter.webhook.WebhookFixtures.with;
import static io.pointsaga.starter.webhook.WebhookFixtures.without;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A payload that lacks what the saga needs is refused with a message naming the field. */
class ShopifyMalformedWebhookTest {

  private static final String PAID = "shopify/orders-paid.json";
  private static final String REFUND = "shopify/refunds-create-line.json";
  private static final String SHIPPING_REFUND = "shopify/refunds-create-shipping-only.json";
  private static final String VOIDED = "shopify/orders-updated-voided.json";
  private static final String CANCELLED = "shopify/orders-cancelled.json";

  private final ShopifyWebhookParser parser = new ShopifyWebhookParser();

  /**
   * @param message the whole message the controller will answer 400 with
   */
  record Case(
      String topic, String fixture, UnaryOperator<ObjectNode> edit, String field, String message) {

    @Override
    public String toString() {
      return topic + ": " + message;
    }
  }

  static Stream<Case> malformedPayloads() {
    return Stream.of(
        new Case(
            "orders/paid",
            PAID,
            p -> without(p, "/id"),
            "id",
            "Shopify orders/paid payload: id is missing"),
        new Case(
            "orders/paid",
            PAID,
            p -> with(p, "/id", "\"#1042\""),
            "id",
            "Shopify orders/paid payload: id must be a positive whole-number id, got \"#1042\""),
        new Case(
            "orders/paid",
            PAID,
            p -> with(p, "/id", "0"),
            "id",
            "Shopify orders/paid payload: id must be a positive whole-number id, got 0"),
        new Case(
            "orders/paid",
            PAID,
            p -> without(p, "/currency"),
            "currency",
            "Shopify orders/paid payload: currency is missing"),
        new Case(
            "orders/paid",
            PAID,
            p -> without(p, "/line_items"),
            "line_items",
            "Shopify orders/paid payload: line_items is missing"),
        new Case(
            "orders/paid",
            PAID,
            p -> with(p, "/line_items", "{\"id\": 1}"),
            "line_items",
            "Shopify orders/paid payload: line_items must be a JSON array, got {\"id\":1}"),
        new Case(
            "orders/paid",
            PAID,
            p -> without(p, "/line_items/0/id"),
            "line_items[0].id",
            "Shopify orders/paid payload: line_items[0].id is missing"),
        new Case(
            "orders/paid",
            PAID,
            p -> with(p, "/line_items/1/price", "\"twenty\""),
            "line_items[1].price",
            "Shopify orders/paid payload: line_items[1].price must be an amount such as \"19.99\","
                + " got \"twenty\""),
        new Case(
            "orders/paid",
            PAID,
            p -> with(p, "/line_items/1/price", "null"),
            "line_items[1].price",
            "Shopify orders/paid payload: line_items[1].price is null"),
        new Case(
            "orders/paid",
            PAID,
            p -> with(p, "/line_items/0/quantity", "1.5"),
            "line_items[0].quantity",
            "Shopify orders/paid payload: line_items[0].quantity must be a whole number of at"
                + " least 0, got 1.5"),
        new Case(
            "orders/paid",
            PAID,
            p -> with(p, "/line_items/0/quantity", "-1"),
            "line_items[0].quantity",
            "Shopify orders/paid payload: line_items[0].quantity must be a whole number of at"
                + " least 0, got -1"),
        new Case(
            "orders/paid",
            PAID,
            p -> with(p, "/line_items/0/discount_allocations/0/amount", "\"6,67\""),
            "line_items[0].discount_allocations[0].amount",
            "Shopify orders/paid payload: line_items[0].discount_allocations[0].amount must be an"
                + " amount such as \"19.99\", got \"6,67\""),
        new Case(
            "orders/paid",
            PAID,
            p -> without(p, "/discount_codes/0/code"),
            "discount_codes[0].code",
            "Shopify orders/paid payload: discount_codes[0].code is missing"),
        new Case(
            "orders/paid",
            PAID,
            p -> with(p, "/customer", "\"ada.lovelace@example.com\""),
            "customer",
            "Shopify orders/paid payload: customer must be a JSON object, got"
                + " \"ada.lovelace@example.com\""),
        new Case(
            "refunds/create",
            REFUND,
            p -> without(p, "/id"),
            "id",
            "Shopify refunds/create payload: id is missing"),
        new Case(
            "refunds/create",
            REFUND,
            p -> without(p, "/order_id"),
            "order_id",
            "Shopify refunds/create payload: order_id is missing"),
        new Case(
            "refunds/create",
            REFUND,
            p -> with(p, "/refund_line_items/0/line_item_id", "null"),
            "refund_line_items[0].line_item_id",
            "Shopify refunds/create payload: refund_line_items[0].line_item_id is null"),
        new Case(
            "refunds/create",
            REFUND,
            p -> with(p, "/refund_line_items/0/subtotal", "\"n/a\""),
            "refund_line_items[0].subtotal",
            "Shopify refunds/create payload: refund_line_items[0].subtotal must be an amount such"
                + " as \"19.99\", got \"n/a\""),
        new Case(
            "refunds/create",
            SHIPPING_REFUND,
            p -> without(p, "/refund_shipping_lines/0/subtotal_amount_set/shop_money"),
            "refund_shipping_lines[0].subtotal_amount_set.shop_money.amount",
            "Shopify refunds/create payload:"
                + " refund_shipping_lines[0].subtotal_amount_set.shop_money.amount is missing"),
        new Case(
            "orders/updated",
            VOIDED,
            p -> without(p, "/updated_at"),
            "updated_at",
            "Shopify orders/updated payload: updated_at is missing"),
        new Case(
            "orders/updated",
            VOIDED,
            p -> with(p, "/financial_status", "null"),
            "financial_status",
            "Shopify orders/updated payload: financial_status is null"),
        new Case(
            "orders/cancelled",
            CANCELLED,
            p -> with(p, "/refunds/0/refund_line_items/1/subtotal", "true"),
            "refunds[0].refund_line_items[1].subtotal",
            "Shopify orders/cancelled payload: refunds[0].refund_line_items[1].subtotal must be an"
                + " amount such as \"19.99\", got true"));
  }

  @ParameterizedTest
  @MethodSource("malformedPayloads")
  void namesTheFieldThatIsMissingOrUnreadable(Case malformed) {
    ObjectNode payload = malformed.edit().apply(json(malformed.fixture()));

    ShopifyWebhookParser parser =
        malformed.fixture().equals(VOIDED) ? new ShopifyWebhookParser("CAD") : this.parser;
    assertThatThrownBy(() -> parser.parse(malformed.topic(), payload))
        .isInstanceOfSatisfying(
            MalformedWebhookException.class,
            e -> {
              Assertions.assertThat(e.field()).isEqualTo(malformed.field());
              Assertions.assertThat(e.source()).isEqualTo("Shopify " + malformed.topic());
            })
        .hasMessage(malformed.message());
  }

  @Test
  void aBodyThatIsNotAJsonObjectIsMalformed() {
    JsonNode array = WebhookFixtures.parse("[{\"id\": 1}]");

    assertThatThrownBy(() -> parser.parse("orders/paid", array))
        .isInstanceOf(MalformedWebhookException.class)
        .hasMessage("Shopify orders/paid payload: the payload is not a JSON object");
    assertThatThrownBy(() -> parser.parse("refunds/create", null))
        .isInstanceOf(MalformedWebhookException.class)
        .hasMessage("Shopify refunds/create payload: the payload is not a JSON object");
  }

  @Test
  void longValuesAreShortenedInTheMessage() {
    String longCode = "\"" + "X".repeat(200) + "\"";
    ObjectNode payload = with(json(PAID), "/line_items/0/price", longCode);

    assertThatThrownBy(() -> parser.parse("orders/paid", payload))
        .isInstanceOf(MalformedWebhookException.class)
        .hasMessageEndingWith("got \"" + "X".repeat(39) + "...");
  }
}
