package io.pointsaga.order;

import static io.pointsaga.order.OrderFixtures.CUSTOMER;
import static io.pointsaga.order.OrderFixtures.ORDER;
import static io.pointsaga.order.OrderFixtures.SHOP;
import static io.pointsaga.order.OrderFixtures.money;
import static io.pointsaga.order.OrderFixtures.order;
import static io.pointsaga.order.OrderFixtures.paid;
import static io.pointsaga.order.OrderFixtures.rule;
import static io.pointsaga.order.OrderFixtures.settings;
import static io.pointsaga.order.TestLedger.delta;
import static org.assertj.core.api.Assertions.assertThat;

import io.pointsaga.ledger.EntryKind;
import io.pointsaga.order.OrderEdit.QuantityChange;
import io.pointsaga.settings.ShopSettings;
import io.pointsaga.settings.ShopSettings.ClawbackRate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** SPEC §13 Shopify orders/edited in the points arithmetic. */
class OrderEditTest {

  /** Two shirts at $15 ($30, with $2 of a discount on the line: $28) and a $22 cap: $50. */
  static final OrderSnapshot ORDER_50 =
      order(
          new OrderLine("shirts", money("28.00"), money("30.00"), 2),
          new OrderLine("cap", money("22.00"), money("22.00"), 1));

  static OrderEvent edit(String editId, List<QuantityChange> added, List<QuantityChange> removed) {
    return new OrderEvent(
        7,
        OrderEventKind.ORDER_EDITED,
        OrderEventKeys.orderEditEvent(editId),
        SHOP,
        ORDER,
        null,
        null,
        null,
        null,
        new OrderEdit(editId, added, removed));
  }

  static QuantityChange units(String line, int delta) {
    return new QuantityChange(line, delta);
  }

  static Stream<Arguments> lineAmounts() {
    // amount paid, quantity paid, quantity now -> amount now
    return Stream.of(
        Arguments.of("28.00", 2, 1, "14.00"),
        Arguments.of("28.00", 2, 2, "28.00"),
        Arguments.of("28.00", 2, 0, "0.00"),
        Arguments.of("28.00", 2, 3, "42.00"),
        Arguments.of("10.00", 3, 1, "3.33"),
        Arguments.of("10.00", 3, 2, "6.67"),
        Arguments.of("10.00", null, 1, "10.00")); // units not known: unchanged
  }

  @ParameterizedTest(name = "{0} for {1} units, {2} left: {3}")
  @MethodSource("lineAmounts")
  void aLinesAmountFollowsItsUnits(String paid, Integer quantity, int now, String amountNow) {
    assertThat(PointsMath.lineAmountNow(money(paid), quantity, now))
        .isEqualByComparingTo(amountNow);
  }

  static Stream<Arguments> removals() {
    // clawback rate, current rule at the edit, line removed, units, points after, spend after
    return Stream.of(
        Arguments.of(ClawbackRate.AWARDED, "1", "shirts", 1, 36, "36.00"), // one shirt: $14
        Arguments.of(ClawbackRate.AWARDED, "1", "shirts", 2, 22, "22.00"),
        Arguments.of(ClawbackRate.AWARDED, "1", "cap", 1, 28, "28.00"),
        Arguments.of(ClawbackRate.AWARDED, "2", "cap", 1, 28, "28.00"), // the awarded rate
        Arguments.of(ClawbackRate.CURRENT_RULE, "1", "shirts", 1, 36, "36.00"),
        Arguments.of(ClawbackRate.CURRENT_RULE, "2", "shirts", 1, 22, "36.00")); // 28 at 2/$
  }

  @ParameterizedTest(name = "{0} at current rate {1}: removing {3} of {2} leaves {4} points")
  @MethodSource("removals")
  void removingItemsReducesTheEarnByTheOrdersRule(
      ClawbackRate rate,
      String currentRate,
      String line,
      int units,
      long pointsAfter,
      String spend) {
    TestLedger ledger = new TestLedger(ORDER, settings(rate), rule("1"));
    ledger.apply(paid(ORDER_50));
    assertThat(ledger.balance(CUSTOMER)).isEqualTo(50);
    ledger.rule = rule(currentRate);

    List<OrderChange> edited = ledger.apply(edit("e1", List.of(), List.of(units(line, units))));

    assertThat(ledger.balance(CUSTOMER)).isEqualTo(pointsAfter);
    assertThat(ledger.order.effectiveSpend()).isEqualByComparingTo(spend);
    assertThat(edited)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.entryKind()).isEqualTo(EntryKind.EDIT_CLAWBACK);
              assertThat(c.note()).startsWith("Edit e1 of order " + ORDER).contains(rate.name());
            });
    assertThat(ledger.apply(edit("e1", List.of(), List.of(units(line, units)))))
        .as("a redelivered edit changes nothing")
        .isEmpty();
  }

  @Test
  void addingUnitsOfALineTheOrderHasEarnsAtTheSameRule() {
    TestLedger ledger = new TestLedger(ORDER, settings(ClawbackRate.AWARDED), rule("1"));
    ledger.apply(paid(ORDER_50));

    List<OrderChange> edited = ledger.apply(edit("e2", List.of(units("shirts", 1)), List.of()));

    assertThat(delta(edited)).isEqualTo(14);
    assertThat(edited.get(0).entryKind()).isEqualTo(EntryKind.EARN);
    assertThat(ledger.balance(CUSTOMER)).isEqualTo(64);
    assertThat(ledger.order.effectiveSpend()).isEqualByComparingTo("64.00");
  }

  @Test
  void aNewLineIsKeptForAPersonAndTheRestOfTheEditApplies() {
    TestLedger ledger = new TestLedger(ORDER, settings(ClawbackRate.AWARDED), rule("1"));
    ledger.apply(paid(ORDER_50));

    OrderDecision swap =
        OrderPoints.decision(
            new OrderContext(ledger.order, ledger.settings, ledger.rule),
            edit("e3", List.of(units("hat", 1)), List.of(units("cap", 1))));

    assertThat(swap.changes())
        .singleElement()
        .satisfies(c -> assertThat(c.pointsDelta()).isEqualTo(-22));
    assertThat(swap.rejections())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.reason()).isEqualTo(EventRejection.Reason.EDIT_ADDITION_NOT_PRICED);
              assertThat(r.lineItemId()).isEqualTo("hat");
            });
  }

  @Test
  void removingMoreThanTheOrderHasIsRejectedAndChangesNothing() {
    TestLedger ledger = new TestLedger(ORDER, settings(ClawbackRate.AWARDED), rule("1"));
    ledger.apply(paid(ORDER_50));
    ledger.apply(edit("e4", List.of(), List.of(units("shirts", 1))));

    OrderDecision tooMany =
        OrderPoints.decision(
            new OrderContext(ledger.order, ledger.settings, ledger.rule),
            edit("e5", List.of(), List.of(units("shirts", 2))));

    assertThat(tooMany.changes()).isEmpty();
    assertThat(tooMany.rejections())
        .singleElement()
        .satisfies(r -> assertThat(r.reason()).isEqualTo(EventRejection.Reason.EDIT_BEYOND_LINES));
  }

  @Test
  void anEditBeforeThePaymentIsKeptAndCountsWhenThePaymentArrives() {
    TestLedger ledger = new TestLedger(ORDER, settings(ClawbackRate.AWARDED), rule("1"));

    List<OrderChange> early = ledger.apply(edit("e6", List.of(), List.of(units("shirts", 1))));
    assertThat(delta(early)).isZero();
    assertThat(early.get(0).note()).contains("arrived before the order's payment");

    List<OrderChange> earned = ledger.apply(paid(ORDER_50));
    assertThat(delta(earned)).isEqualTo(36);
    assertThat(ledger.order.effectiveSpend()).isEqualByComparingTo("36.00");
    assertThat(ledger.balance(CUSTOMER)).isEqualTo(36);
  }

  @Test
  void anEditDuringThePendingPeriodChangesThePendingPointsOnly() {
    TestLedger ledger =
        new TestLedger(
            ORDER,
            new ShopSettings(null, null, null, null, null, false, null, null, "P7D"),
            rule("1"));
    ledger.now = Instant.parse("2026-11-30T10:00:00Z");
    ledger.apply(paid(ORDER_50));

    ledger.apply(edit("e7", List.of(), List.of(units("cap", 1))));

    assertThat(ledger.balance(CUSTOMER)).isZero();
    assertThat(ledger.order.pointsPending()).isEqualTo(28);
    assertThat(ledger.order.pendingUntil()).isEqualTo(ledger.now.plus(Duration.ofDays(7)));
  }
}
