package io.pointsaga.local.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/** Amounts of simulated orders and refunds, computed as Shopify does, and the delivery draws. */
class SimulatedOrderTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private final AtomicLong ids = new AtomicLong(100);
  private final LongSupplier newId = ids::incrementAndGet;

  private static SimulatedDiscountCode code(String amount) {
    return new SimulatedDiscountCode(
        "PTS-X",
        "gid://shopify/DiscountCodeNode/1",
        "$ off",
        new BigDecimal(amount),
        DiscountCodeState.ACTIVE,
        0,
        NOW);
  }

  private SimulatedOrder order(List<String> prices, List<Integer> quantities, String discount) {
    return SimulatedOrder.paid(
        newId,
        "7",
        "USD",
        prices.stream().map(BigDecimal::new).toList(),
        quantities,
        discount == null ? List.of() : List.of(code(discount)),
        BigDecimal.ZERO,
        NOW);
  }

  @Test
  void aFixedDiscountIsSpreadInProportionToPriceWithTheRemainderCentOnOneLine() {
    SimulatedOrder order = order(List.of("40.00", "20.00"), List.of(1, 1), "10.00");

    assertThat(order.lineItems())
        .extracting(SimulatedOrder.LineItem::discountAllocated)
        .containsExactly(new BigDecimal("6.67"), new BigDecimal("3.33"));
    assertThat(order.codes()).extracting(c -> c.amount()).containsExactly(new BigDecimal("10.00"));
  }

  @Test
  void aDiscountLargerThanTheOrderTakesAtMostTheOrder() {
    SimulatedOrder order = order(List.of("3.00"), List.of(1), "5.00");

    assertThat(order.lineItems().get(0).amountAfterDiscounts()).isEqualByComparingTo("0");
  }

  @Test
  void refundSubtotalsAreNetOfDiscountsPerUnitAndAddUpToTheLine() {
    // 3 x 10.00 with 10.00 off the whole order: the line is 20.00 after its discount.
    SimulatedOrder order = order(List.of("10.00"), List.of(3), "10.00");
    long line = order.lineItems().get(0).id();

    SimulatedOrder.Refund first =
        order.refund(List.of(new SimulatedOrder.RefundRequestLine(line, 1)), false, newId, NOW);
    SimulatedOrder.Refund rest =
        order.refund(List.of(new SimulatedOrder.RefundRequestLine(line, 2)), false, newId, NOW);

    assertThat(first.lines().get(0).subtotal()).isEqualByComparingTo("6.67");
    assertThat(rest.lines().get(0).subtotal()).isEqualByComparingTo("13.33");
    assertThatThrownBy(
            () ->
                order.refund(
                    List.of(new SimulatedOrder.RefundRequestLine(line, 1)), false, newId, NOW))
        .isInstanceOf(InvalidSandboxRequestException.class)
        .hasMessageContaining("0 unit(s) left to refund, 1 asked");
  }

  @Test
  void refusesUnknownLinesAndRefundsOfNothing() {
    SimulatedOrder order = order(List.of("10.00"), List.of(1), null);

    assertThatThrownBy(
            () ->
                order.refund(
                    List.of(new SimulatedOrder.RefundRequestLine(1, 1)), false, newId, NOW))
        .isInstanceOf(InvalidSandboxRequestException.class)
        .hasMessageContaining("has no line item 1");
    assertThatThrownBy(() -> order.refund(List.of(), false, newId, NOW))
        .isInstanceOf(InvalidSandboxRequestException.class);
  }

  @Test
  void refundingTheRestTakesWhatIsLeftOnce() {
    SimulatedOrder order = order(List.of("10.00", "5.00"), List.of(2, 1), null);
    long first = order.lineItems().get(0).id();
    order.refund(List.of(new SimulatedOrder.RefundRequestLine(first, 1)), false, newId, NOW);

    SimulatedOrder.Refund rest = order.refundTheRest(newId, NOW).orElseThrow();

    assertThat(rest.amount()).isEqualByComparingTo("15.00");
    assertThat(order.refundTheRest(newId, NOW)).isEmpty();
  }

  @Test
  void deliveryDrawsRepeatForTheSameSeed() {
    WebhookDeliveryPolicy policy = new WebhookDeliveryPolicy(0.3, 0.3, 500, 42);
    Random a = new Random(policy.seed());
    Random b = new Random(policy.seed());

    for (int i = 0; i < 50; i++) {
      List<Long> delays = policy.sendDelaysMs(a);
      assertThat(delays).isEqualTo(policy.sendDelaysMs(b)).hasSizeLessThanOrEqualTo(2);
      assertThat(delays).allSatisfy(d -> assertThat(d).isBetween(0L, 500L));
    }
  }

  @Test
  void theDefaultDeliversOnceAtOnceAndTheExtremesDropOrDuplicateAll() {
    Random random = new Random(1);

    assertThat(WebhookDeliveryPolicy.ONCE.sendDelaysMs(random)).containsExactly(0L);
    assertThat(new WebhookDeliveryPolicy(1, 0, 0, 1).sendDelaysMs(random)).isEmpty();
    assertThat(new WebhookDeliveryPolicy(0, 1, 0, 1).sendDelaysMs(random)).containsExactly(0L, 0L);
    assertThatThrownBy(() -> new WebhookDeliveryPolicy(1.5, 0, 0, 1))
        .isInstanceOf(InvalidSandboxRequestException.class)
        .hasMessageContaining("dropRate");
  }
}
