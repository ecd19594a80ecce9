package io.pointsaga.order;

import static io.pointsaga.order.OrderFixtures.CUSTOMER;
import static io.pointsaga.order.OrderFixtures.ORDER;
import static io.pointsaga.order.OrderFixtures.line;
import static io.pointsaga.order.OrderFixtures.order;
import static io.pointsaga.order.OrderFixtures.paid;
import static io.pointsaga.order.OrderFixtures.refund;
import static io.pointsaga.order.OrderFixtures.refundCreated;
import static io.pointsaga.order.OrderFixtures.refunded;
import static io.pointsaga.order.OrderFixtures.rule;
import static io.pointsaga.order.OrderFixtures.settings;
import static io.pointsaga.order.OrderFixtures.statusChanged;
import static org.assertj.core.api.Assertions.assertThat;

import io.pointsaga.order.EventRejection.Reason;
import io.pointsaga.settings.ShopSettings;
import io.pointsaga.settings.ShopSettings.ClawbackRate;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SPEC §8: a refund of a line item the order does not have, or of more than was paid for it, is
 * rejected with a typed reason and changes no points; the saga keeps it for a person.
 */
class OrderRefundChecksTest {
  /** $40 and $20 items ($10 off spread over them: 33.33 and 16.67 after discounts). */
  static final OrderSnapshot ORDER_50 =
      order(line("item40", "33.33", "40.00"), line("item20", "16.67", "20.00"));

  static Stream<Arguments> table() {
    return Stream.of(
        // refund lines, reason (null: applied), points taken back under AWARDED
        Arguments.of(List.of(refunded("item20", "16.67")), null, 17),
        Arguments.of(List.of(refunded("item99", "1.00")), Reason.UNKNOWN_LINE_ITEM, 0),
        Arguments.of(
            List.of(refunded("item20", "16.67"), refunded("item99", "0.01")),
            Reason.UNKNOWN_LINE_ITEM,
            0),
        Arguments.of(List.of(refunded("item20", "20.01")), Reason.MORE_THAN_PAID, 0),
        Arguments.of(List.of(refunded("item20", "20.00")), null, 20),
        Arguments.of(
            List.of(refunded("item20", "10.00"), refunded("item20", "10.01")),
            Reason.MORE_THAN_PAID,
            0),
        Arguments.of(
            List.of(refunded("item40", "40.00"), refunded("item20", "10.01")),
            Reason.MORE_THAN_ORDER_PAID,
            0));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("table")
  void aRefundIsCheckedAgainstTheOrdersLines(List<RefundLine> lines, Reason reason, long taken) {
    TestLedger ledger = new TestLedger(ORDER, settings(ClawbackRate.AWARDED), rule("1"));
    ledger.apply(paid(ORDER_50));
    RefundSnapshot refund = new RefundSnapshot("r1", lines, BigDecimal.ZERO, false);

    OrderDecision decision =
        OrderPoints.decision(
            new OrderContext(ledger.order, ledger.settings, ledger.rule), refundCreated(refund));
    ledger.apply(refundCreated(refund));

    if (reason == null) {
      assertThat(decision.rejections()).isEmpty();
    } else {
      assertThat(decision.changes()).isEmpty();
      assertThat(decision.rejections())
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.reason()).isEqualTo(reason);
                assertThat(r.eventKey()).isEqualTo("refund:r1");
                assertThat(r.refundId()).isEqualTo("r1");
              });
      assertThat(ledger.order.applied("refund:r1")).as("not applied: may be retried").isFalse();
    }
    assertThat(ledger.balance(CUSTOMER)).isEqualTo(50 - taken);
  }

  @Test
  void refundsAddUpPerLine() {
    TestLedger ledger = new TestLedger(ORDER, ShopSettings.defaults(), rule("1"));
    ledger.apply(paid(ORDER_50));
    ledger.apply(refundCreated(refund("r1", refunded("item20", "12.00"))));

    OrderDecision second =
        OrderPoints.decision(
            new OrderContext(ledger.order, ledger.settings, ledger.rule),
            refundCreated(refund("r2", refunded("item20", "8.01"))));

    assertThat(second.rejections())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.reason()).isEqualTo(Reason.MORE_THAN_PAID);
              assertThat(r.amountPaid()).isEqualByComparingTo("20.00");
              assertThat(r.amountRefundedBefore()).isEqualByComparingTo("12.00");
              assertThat(r.amount()).isEqualByComparingTo("8.01");
            });
    assertThat(OrderEventMessages.problem(ORDER, second.rejections().get(0)))
        .isEqualTo(
            "It refunds 8.01 of line item item20, whose price was 20.00 and which had 12.00"
                + " refunded already: more than was paid for it. No points were changed.");
  }

  @Test
  void anInvalidRefundInsideAStatusUpdateIsRejectedAndTheStatusStillCounts() {
    TestLedger ledger = new TestLedger(ORDER, ShopSettings.defaults(), rule("1"));
    ledger.apply(paid(ORDER_50));

    OrderDecision decision =
        OrderPoints.decision(
            new OrderContext(ledger.order, ledger.settings, ledger.rule),
            statusChanged(
                ORDER_50,
                "voided",
                refund("r-ok", refunded("item20", "16.67")),
                refund("r-bad", refunded("ghost", "5.00"))));

    assertThat(decision.rejections())
        .extracting(EventRejection::eventKey, EventRejection::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("refund:r-bad", Reason.UNKNOWN_LINE_ITEM));
    assertThat(decision.changes()).extracting(OrderChange::eventKey).contains("refund:r-ok");
  }

  /**
   * Refunds before the payment cannot be checked when they arrive: they are kept line by line, and
   * when the payment arrives what they name beyond the order's lines is not counted (and kept for a
   * person); the rest counts as before.
   */
  @Test
  void refundsBeforeThePaymentAreCheckedWhenThePaymentArrives() {
    TestLedger ledger = new TestLedger(ORDER, ShopSettings.defaults(), rule("1"));
    ledger.apply(refundCreated(refund("r-early", refunded("item20", "16.67"))));
    ledger.apply(refundCreated(refund("r-ghost", refunded("ghost", "30.00"))));
    assertThat(ledger.order.refundedAmount()).isEqualByComparingTo("46.67");

    OrderDecision payment =
        OrderPoints.decision(
            new OrderContext(ledger.order, ledger.settings, ledger.rule), paid(ORDER_50));
    ledger.apply(paid(ORDER_50));

    assertThat(payment.rejections())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.reason()).isEqualTo(Reason.REFUNDED_BEFORE_PAYMENT_BEYOND_LINES);
              assertThat(r.eventKey()).isEqualTo("paid:refunds-before-payment");
              assertThat(r.amount()).isEqualByComparingTo("30.00");
            });
    // 16.67 of 50.00 counted as refunded: 33.33 keeps 33 points (the ghost would have left 3)
    assertThat(ledger.balance(CUSTOMER)).isEqualTo(33);
    assertThat(ledger.order.refundedAmount()).isEqualByComparingTo("16.67");
  }

  @Test
  void pointsBeyondWhatALongHoldsAreRejectedNotThrown() {
    TestLedger ledger = new TestLedger(ORDER, ShopSettings.defaults(), rule("99999999"));
    OrderSnapshot huge = order(line("item", "999999999999.99"));

    OrderDecision decision =
        OrderPoints.decision(
            new OrderContext(ledger.order, ledger.settings, ledger.rule), paid(huge));

    assertThat(decision.changes()).isEmpty();
    assertThat(decision.rejections())
        .extracting(EventRejection::reason)
        .containsExactly(Reason.OUT_OF_RANGE);
  }

  @Test
  void anEventWithoutItsOrderIsRejectedNotThrown() {
    OrderEvent broken =
        new OrderEvent(1, OrderEventKind.PAID, "paid", "shop", ORDER, null, null, null, null);

    OrderDecision decision =
        OrderPoints.decision(
            new OrderContext(OrderState.unknown(ORDER), ShopSettings.defaults(), rule("1")),
            broken);

    assertThat(decision.rejections())
        .extracting(EventRejection::reason)
        .containsExactly(Reason.INVALID_EVENT);
  }
}
