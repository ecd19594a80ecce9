package io.pointsaga.order;

import static io.pointsaga.order.OrderFixtures.COUPON;
import static io.pointsaga.order.OrderFixtures.CUSTOMER;
import static io.pointsaga.order.OrderFixtures.ORDER;
import static io.pointsaga.order.OrderFixtures.cancelOn;
import static io.pointsaga.order.OrderFixtures.codes;
import static io.pointsaga.order.OrderFixtures.line;
import static io.pointsaga.order.OrderFixtures.order;
import static io.pointsaga.order.OrderFixtures.paid;
import static io.pointsaga.order.OrderFixtures.refund;
import static io.pointsaga.order.OrderFixtures.refundCreated;
import static io.pointsaga.order.OrderFixtures.refundWithShipping;
import static io.pointsaga.order.OrderFixtures.refunded;
import static io.pointsaga.order.OrderFixtures.rule;
import static io.pointsaga.order.TestLedger.delta;
import static org.assertj.core.api.Assertions.assertThat;

import io.pointsaga.settings.ShopSettings;
import io.pointsaga.settings.ShopSettings.CancelOn;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Arrival order must not change the outcome; unrefunded shipping keeps a refund partial. */
class DeliveryOrderAndShippingTest {

  private static OrderSnapshot withShipping(OrderSnapshot o, String shipping) {
    return new OrderSnapshot(
        o.orderId(),
        o.customerId(),
        o.currency(),
        o.lines(),
        o.discountCodes(),
        o.financialStatus(),
        o.cancelled(),
        o.refunds(),
        new BigDecimal(shipping));
  }

  @Test
  void aFullRefundBeforeThePaymentStillRestoresCouponPointsAndMarksTheOrderRefunded() {
    TestLedger ledger = new TestLedger(ORDER, ShopSettings.defaults(), rule("1"));
    ledger.setBalance(CUSTOMER, 1000);
    ledger.redeem(CUSTOMER, COUPON, 500);
    OrderSnapshot order =
        order(CUSTOMER, codes(COUPON), line("itemA", "7.50"), line("itemB", "7.50"));

    ledger.apply(refundCreated(refund("r1", refunded("itemA", "7.50"), refunded("itemB", "7.50"))));
    ledger.apply(paid(order));

    assertThat(ledger.order.pointsHeld()).isZero();
    assertThat(ledger.balance(CUSTOMER)).isEqualTo(1000);
    assertThat(ledger.order.status()).isEqualTo(OrderStatus.REFUNDED);
  }

  @Test
  void aRefundThatCancelsNothingDoesNotReduceTheEarnWhenItArrivesFirst() {
    TestLedger ledger = new TestLedger(ORDER, cancelOn(CancelOn.VOIDED), rule("1"));
    OrderSnapshot order = order(line("a", "30.00"), line("b", "20.00"));

    ledger.apply(refundCreated(refund("r1", refunded("b", "20.00"))));
    long earned = delta(ledger.apply(paid(order)));

    assertThat(earned).as("in order (paid, then refund) this shop keeps all 50").isEqualTo(50);
  }

  @Test
  void everyLineRefundedButShippingLeftIsStillPartialAndKeepsTheCouponPointsSpent() {
    TestLedger ledger = new TestLedger(ORDER, ShopSettings.defaults(), rule("1"));
    ledger.setBalance(CUSTOMER, 1000);
    ledger.redeem(CUSTOMER, COUPON, 500);
    OrderSnapshot order =
        withShipping(order(CUSTOMER, codes(COUPON), line("a", "7.50"), line("b", "7.50")), "4.99");
    ledger.apply(paid(order));

    List<OrderChange> changes =
        ledger.apply(refundCreated(refund("r1", refunded("a", "7.50"), refunded("b", "7.50"))));

    assertThat(ledger.order.pointsHeld())
        .as("points follow the effective spend: none left")
        .isZero();
    assertThat(ledger.order.status())
        .as("shipping not refunded: partial")
        .isEqualTo(OrderStatus.OPEN);
    assertThat(ledger.balance(CUSTOMER))
        .as("coupon points not restored on a partial refund")
        .isEqualTo(500);
    assertThat(changes.get(0).note())
        .contains("Shipping (4.99) was not refunded", "partially refunded");

    List<OrderChange> shippingRefund =
        ledger.apply(refundCreated(refundWithShipping("r2", "4.99")));

    assertThat(ledger.order.status()).isEqualTo(OrderStatus.REFUNDED);
    assertThat(ledger.balance(CUSTOMER))
        .as("now fully refunded: coupon points back")
        .isEqualTo(1000);
    assertThat(shippingRefund.get(0).note()).contains("only shipping", "fully refunded");
  }
}
