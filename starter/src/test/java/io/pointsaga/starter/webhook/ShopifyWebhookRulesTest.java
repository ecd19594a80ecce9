package io.pointsaga.starter.webhook;

import static io.pointsaga.starter.webhook.WebhookFixtures.json;
import static io.pointsaga.starter.webhook.WebhookFixtures.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SPEC §8 at intake: a signed, readable payload that breaks the money or text rules is invalid
 * ({@link InvalidWebhookException}: answered 200 rejected), with a message naming the field and
 * never echoing the value.
 */
class ShopifyWebhookRulesTest {
  private static final String PAID = "shopify/orders-paid.json";
  private static final String REFUND = "shopify/refunds-create-line.json";

  record Case(
      String name,
      String currency,
      String topic,
      String fixture,
      UnaryOperator<ObjectNode> edit,
      String message) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> invalid() {
    return Stream.of(
        new Case(
            "negative refund subtotal",
            "USD",
            "refunds/create",
            REFUND,
            p -> with(p, "/refund_line_items/0/subtotal", "\"-50.00\""),
            "refund_line_items[0].subtotal must not be negative"),
        new Case(
            "negative discount allocation",
            "USD",
            "orders/paid",
            PAID,
            p -> with(p, "/line_items/1/discount_allocations/0/amount", "\"-500.00\""),
            "line_items[1].discount_allocations[0].amount must not be negative"),
        new Case(
            "discounts larger than the line",
            "USD",
            "orders/paid",
            PAID,
            p -> with(p, "/line_items/1/discount_allocations/0/amount", "\"500.00\""),
            "line_items[1] has discount allocations larger than its price"),
        new Case(
            "negative price",
            "USD",
            "orders/paid",
            PAID,
            p -> with(p, "/line_items/0/price", "\"-1.00\""),
            "line_items[0].price must not be negative"),
        new Case(
            "13 integer digits",
            "USD",
            "orders/paid",
            PAID,
            p -> with(p, "/line_items/0/price", "\"1000000000000.00\""),
            "line_items[0].price has more than 12 integer digits"),
        new Case(
            "10000000000000.00 (14 digits)",
            "USD",
            "orders/paid",
            PAID,
            p -> with(p, "/line_items/0/price", "\"10000000000000.00\""),
            "line_items[0].price has more than 12 integer digits"),
        new Case(
            "1e30 as a string",
            "USD",
            "orders/paid",
            PAID,
            p -> with(p, "/line_items/0/price", "\"1e30\""),
            "line_items[0].price has more than 12 integer digits"),
        new Case(
            "1e30 as a number",
            "USD",
            "orders/paid",
            PAID,
            p -> with(p, "/line_items/0/price", "1e30"),
            "line_items[0].price has more than 12 integer digits"),
        new Case(
            "1e999999999 as a string",
            "USD",
            "refunds/create",
            REFUND,
            p -> with(p, "/refund_line_items/0/subtotal", "\"1e999999999\""),
            "refund_line_items[0].subtotal has more than 12 integer digits"),
        new Case(
            "1e-999999999 as a string",
            "USD",
            "refunds/create",
            REFUND,
            p -> with(p, "/refund_line_items/0/subtotal", "\"1e-999999999\""),
            "refund_line_items[0].subtotal has more than 2 decimals, which USD has"),
        new Case(
            "a line that adds up beyond 12 digits",
            "USD",
            "orders/paid",
            PAID,
            p ->
                with(
                    with(p, "/line_items/0/price", "\"999999999999.00\""),
                    "/line_items/0/quantity",
                    "2"),
            "line_items[0] add up to more than 12 integer digits"),
        new Case(
            "3 decimals in USD",
            "USD",
            "orders/paid",
            PAID,
            p -> with(p, "/line_items/0/price", "\"40.001\""),
            "line_items[0].price has more than 2 decimals, which USD has"),
        new Case(
            "decimals in JPY",
            "JPY",
            "orders/paid",
            PAID,
            p -> with(p, "/currency", "\"JPY\""),
            "line_items[0].discount_allocations[0].amount has decimals, which JPY does not have"),
        new Case(
            "usd dollars",
            "USD",
            "orders/paid",
            PAID,
            p -> with(p, "/currency", "\"usd dollars\""),
            "currency is not an ISO 4217 currency code"),
        new Case(
            "not a real currency",
            "USD",
            "orders/paid",
            PAID,
            p -> with(p, "/currency", "\"QQQ\""),
            "currency is not an ISO 4217 currency code"),
        new Case(
            "a JPY order in a USD shop",
            "USD",
            "orders/paid",
            PAID,
            p -> with(p, "/currency", "\"JPY\""),
            "currency is JPY, but the shop keeps its points in USD"),
        new Case(
            "NUL in a discount code",
            "USD",
            "orders/paid",
            PAID,
            p -> with(p, "/discount_codes/0/code", "\"PTS\\u0000X\""),
            "discount_codes[0].code contains a control character"),
        new Case(
            "a control character in an id",
            "USD",
            "refunds/create",
            REFUND,
            p -> with(p, "/refund_line_items/0/line_item_id", "\"14021562089571\\u0007\""),
            "refund_line_items[0].line_item_id contains a control character"),
        new Case(
            "a quantity beyond reason",
            "USD",
            "orders/paid",
            PAID,
            p -> with(p, "/line_items/0/quantity", "100001"),
            "line_items[0].quantity must be at most 100000"),
        new Case(
            "negative shipping",
            "USD",
            "orders/paid",
            PAID,
            p -> with(p, "/total_shipping_price_set/shop_money/amount", "\"-5.00\""),
            "total_shipping_price_set.shop_money.amount must not be negative"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void isInvalidAndSaysWhereWithoutEchoingTheValue(Case c) {
    ObjectNode payload = c.edit().apply(json(c.fixture()));
    ShopifyWebhookParser parser = new ShopifyWebhookParser(c.currency());

    assertThatThrownBy(() -> parser.parse(c.topic(), payload))
        .isInstanceOf(InvalidWebhookException.class)
        .hasMessageStartingWith("Shopify " + c.topic() + " payload: " + c.message())
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("1e", "999999", "-50", "\u0000"));
  }

  @Test
  @Timeout(2)
  void anAbsurdNumberIsRefusedAtOnce() {
    long started = System.nanoTime();
    for (String absurd : new String[] {"1e999999999", "1E+999999999", "-1e999999999"}) {
      ObjectNode payload = with(json(PAID), "/line_items/0/price", '"' + absurd + '"');
      assertThatThrownBy(() -> new ShopifyWebhookParser().parse("orders/paid", payload))
          .isInstanceOf(InvalidWebhookException.class);
      ObjectNode asNumber = with(json(PAID), "/line_items/0/price", absurd.replace("+", ""));
      assertThatThrownBy(() -> new ShopifyWebhookParser().parse("orders/paid", asNumber))
          .isInstanceOf(InvalidWebhookException.class);
    }
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void aJpyShopTakesWholeYen() {
    ObjectNode payload = json(PAID);
    with(payload, "/currency", "\"JPY\"");
    with(payload, "/line_items/0/price", "\"4000\"");
    with(payload, "/line_items/0/discount_allocations/0/amount", "\"667\"");
    with(payload, "/line_items/1/price", "\"2000\"");
    with(payload, "/line_items/1/discount_allocations/0/amount", "\"333.0\"");
    with(payload, "/total_shipping_price_set/shop_money/amount", "\"500\"");

    var order = new ShopifyWebhookParser("JPY").parse("orders/paid", payload).event().order();

    assertThat(order.currency()).isEqualTo("JPY");
    assertThat(order.lines().get(0).amountAfterDiscounts())
        .isEqualByComparingTo("7333"); // 2 x 4000 - 667
    assertThat(order.lines().get(1).amountAfterDiscounts()).isEqualByComparingTo("1667");
  }

  @Test
  void twelveIntegerDigitsAndZeroAmountsAreFine() {
    ObjectNode payload = json(PAID);
    with(payload, "/line_items/0/price", "\"999999999.99\"");
    with(payload, "/line_items/1/price", "\"0.00\"");
    with(payload, "/line_items/1/discount_allocations/0/amount", "\"0\"");

    var lines = new ShopifyWebhookParser().parse("orders/paid", payload).event().order().lines();

    assertThat(lines.get(1).amountAfterDiscounts()).isEqualByComparingTo(BigDecimal.ZERO);
  }
}
