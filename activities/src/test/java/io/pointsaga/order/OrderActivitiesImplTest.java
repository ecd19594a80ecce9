package io.pointsaga.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pointsaga.earning.EarningRules;
import io.pointsaga.ledger.ActivityItem;
import io.pointsaga.ledger.BalanceRule;
import io.pointsaga.ledger.EntryKind;
import io.pointsaga.ledger.LedgerEntry;
import io.pointsaga.ledger.Posting;
import io.pointsaga.redemption.PointsRefund;
import io.pointsaga.redemption.Redemption;
import io.pointsaga.redemption.RedemptionActivitiesImpl;
import io.pointsaga.redemption.RedemptionKeys;
import io.pointsaga.redemption.RedemptionRefunds;
import io.pointsaga.redemption.RedemptionStatus;
import io.pointsaga.redemption.RefundReason;
import io.pointsaga.redemption.Reservation;
import io.pointsaga.redemption.ReserveRedemption;
import io.pointsaga.reward.Reward;
import io.pointsaga.settings.Settings;
import io.pointsaga.settings.ShopSettings;
import io.pointsaga.settings.ShopSettings.CancelOn;
import io.pointsaga.settings.ShopSettings.ClawbackRate;
import io.pointsaga.settings.ShopSettings.NegativeBalance;
import io.pointsaga.settings.ShopSettings.RefundedPointsExpiry;
import io.pointsaga.settings.ShopSettings.RestoreRedeemedPoints;
import io.pointsaga.settings.ShopSettings.VipTier;
import io.pointsaga.shop.Shop;
import io.pointsaga.testing.TestLedger;
import io.temporal.failure.ApplicationFailure;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link OrderActivitiesImpl} over a real PostgreSQL: the storage side of the order saga. The
 * changes are built by hand (the decisions are the workflows module's); each test gets its own
 * shop, so settings and rules never leak between tests.
 */
class OrderActivitiesImplTest {
  private static final Duration LIFETIME = Duration.ofDays(365);
  private static final AtomicInteger IDS = new AtomicInteger();

  private static TestLedger db;
  private static PausingLedger ledger;
  private static Settings settings;
  private static EarningRules earningRules;
  private static OrderActivitiesImpl activities;
  private static RedemptionActivitiesImpl redemptionActivities;

  private Shop shop;
  private String customer;

  @BeforeAll
  static void database() {
    // Like the application's clock: microsecond ticks, what PostgreSQL keeps.
    db = new TestLedger(Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000)));
    ledger = new PausingLedger(db.jdbc, db.tx, db.clock, db.database.dataSource());
    settings = new Settings(db.jdbc, db.clock);
    earningRules = new EarningRules(db.jdbc, db.clock);
    activities =
        new OrderActivitiesImpl(
            db.shops,
            new Orders(db.jdbc),
            settings,
            earningRules,
            ledger,
            db.activity,
            new RedemptionRefunds(db.jdbc, ledger, db.redemptions),
            db.jdbc,
            db.tx,
            db.clock,
            LIFETIME,
            new io.pointsaga.attention.AttentionItems(db.jdbc, db.clock));
    redemptionActivities =
        new RedemptionActivitiesImpl(
            db.shops,
            db.rewards,
            db.redemptions,
            db.ledger,
            db.activity,
            db.tx,
            db.clock,
            LIFETIME,
            new io.pointsaga.attention.AttentionItems(db.jdbc, db.clock));
  }

  @BeforeEach
  void freshShopAndCustomer() {
    int n = IDS.incrementAndGet();
    shop = db.shop("orders-test-" + n + ".myshopify.com", "http://127.0.0.1:1");
    customer = "cust-" + n;
  }

  // ------------------------------------------------------------------- load

  @Test
  void loadOfAnUnknownOrderIsEmptyWithDefaultSettingsAndNoRule() {
    String orderId = orderId();

    OrderContext context = activities.load(shop.domain(), orderId);

    assertThat(context.order()).isEqualTo(OrderState.unknown(orderId));
    assertThat(context.order().paid()).isFalse();
    assertThat(context.order().appliedEventKeys()).isEmpty();
    assertThat(context.settings()).isEqualTo(ShopSettings.defaults());
    assertThat(context.currentRule()).isNull();
    assertThat(orderRows(orderId)).as("load creates no order").isZero();
  }

  @Test
  void loadReturnsTheShopsRuleAndSettingsAsStored() {
    ShopSettings saved =
        new ShopSettings(
            Set.of(CancelOn.REFUNDED, CancelOn.VOIDED),
            ClawbackRate.CURRENT_RULE,
            RestoreRedeemedPoints.NEVER,
            NegativeBalance.CLAMP_TO_ZERO,
            RefundedPointsExpiry.KEEP_ORIGINAL,
            true,
            List.of(
                new VipTier("Gold", 500, VipTier.Basis.POINTS),
                new VipTier("Silver", 100, VipTier.Basis.REVENUE)));
    settings.save(shop.id(), saved);
    earningRules.putPlaceOrderRule(shop.id(), new BigDecimal("1.5"), false);

    OrderContext context = activities.load(shop.domain(), orderId());

    assertThat(context.settings()).isEqualTo(saved);
    assertThat(context.currentRule().pointsPerUnit()).isEqualByComparingTo("1.5");
    assertThat(context.currentRule().enabled()).isFalse();

    earningRules.putPlaceOrderRule(shop.id(), new BigDecimal("2"), true);
    assertThat(activities.load(shop.domain(), orderId()).currentRule())
        .isEqualTo(new OrderContext.CurrentRule(new BigDecimal("2.0000"), true));

    assertThat(earningRules.delete(shop.id())).isTrue();
    assertThat(activities.load(shop.domain(), orderId()).currentRule()).isNull();

    // Another shop keeps the defaults.
    Shop other =
        db.shop(
            "orders-test-other-" + IDS.incrementAndGet() + ".myshopify.com", "http://127.0.0.1:1");
    assertThat(activities.load(other.domain(), orderId()).settings())
        .isEqualTo(ShopSettings.defaults());
  }

  @Test
  void loadAfterApplyReturnsTheOrderStateExactly() {
    String orderId = orderId();
    // Codes a naive text[] literal would break: comma, quotes, backslash, braces, spaces.
    List<String> codes = List.of("PTS-ABCDE-FGHJK", "SUMMER, \"10\" off\\", "{odd}", " padded ");
    OrderState paid =
        new OrderState(
            orderId,
            customer,
            "USD",
            new BigDecimal("15.00"),
            BigDecimal.ZERO.setScale(2),
            new BigDecimal("1.0000"),
            15,
            15,
            OrderStatus.OPEN,
            codes,
            Set.of("paid"));
    OrderState refunded =
        new OrderState(
            orderId,
            customer,
            "USD",
            new BigDecimal("15.00"),
            new BigDecimal("5.00"),
            new BigDecimal("1.0000"),
            15,
            10,
            OrderStatus.OPEN,
            codes,
            Set.of("paid", "refund:rf-1"));

    activities.apply(shop.domain(), orderId, change("paid", EntryKind.EARN, 15, "earned", paid));
    assertThat(activities.load(shop.domain(), orderId).order()).isEqualTo(paid);

    activities.apply(
        shop.domain(),
        orderId,
        change("refund:rf-1", EntryKind.REFUND_CLAWBACK, -5, "clawed back", refunded));
    OrderState loaded = activities.load(shop.domain(), orderId).order();

    assertThat(loaded).isEqualTo(refunded);
    assertThat(loaded.discountCodes()).containsExactlyElementsOf(codes);
    assertThat(loaded.appliedEventKeys()).containsExactlyInAnyOrder("paid", "refund:rf-1");
    assertThat(loaded.applied("refund:rf-1")).isTrue();

    OrderState voided =
        new OrderState(
            orderId,
            customer,
            "USD",
            new BigDecimal("15.00"),
            new BigDecimal("5.00"),
            new BigDecimal("1.0000"),
            15,
            0,
            OrderStatus.VOIDED,
            List.of(),
            Set.of("paid", "refund:rf-1", "status:voided"));
    activities.apply(
        shop.domain(),
        orderId,
        change("status:voided", EntryKind.VOID_CLAWBACK, -10, "voided", voided));
    assertThat(activities.load(shop.domain(), orderId).order()).isEqualTo(voided);
  }

  // ------------------------------------------------------------------ apply

  @Test
  void applyPostsTheEntryWithItsKindKeyNoteOrderAndExpiry() {
    String orderId = orderId();
    Instant before = db.clock.instant();

    AppliedChange earned =
        activities.apply(
            shop.domain(),
            orderId,
            change("paid", EntryKind.EARN, 15, "Earned 15 points", paidState(orderId, 15)));

    Instant after = db.clock.instant();
    assertThat(earned).isEqualTo(new AppliedChange(true, 15, 0));
    LedgerEntry earn =
        db.ledger.findByKey(shop.id(), "order:%s:paid".formatted(orderId)).orElseThrow();
    assertThat(earn.kind()).isEqualTo(EntryKind.EARN);
    assertThat(earn.points()).isEqualTo(15);
    assertThat(earn.customerId()).isEqualTo(customer);
    assertThat(earn.note()).isEqualTo("Earned 15 points");
    assertThat(earn.orderRef()).isEqualTo(orderId);
    assertThat(earn.refundRef()).isNull();
    assertThat(earn.redemptionRef()).isNull();
    assertThat(earn.balanceAfter()).isEqualTo(15);
    // One lifetime from the moment the event was applied.
    assertThat(earn.expiresAt()).isEqualTo(appliedAt(orderId, "paid").plus(LIFETIME));
    assertThat(earn.expiresAt()).isBetween(before.plus(LIFETIME), after.plus(LIFETIME));
    assertThat(eventDelta(orderId, "paid")).isEqualTo(15);

    AppliedChange clawed =
        activities.apply(
            shop.domain(),
            orderId,
            change(
                "refund:rf-77",
                EntryKind.REFUND_CLAWBACK,
                -5,
                "Refund rf-77: 5 removed",
                paidState(orderId, 10)));

    assertThat(clawed).isEqualTo(new AppliedChange(true, -5, 0));
    LedgerEntry clawback =
        db.ledger.findByKey(shop.id(), "order:%s:refund:rf-77".formatted(orderId)).orElseThrow();
    assertThat(clawback.kind()).isEqualTo(EntryKind.REFUND_CLAWBACK);
    assertThat(clawback.points()).isEqualTo(-5);
    assertThat(clawback.orderRef()).isEqualTo(orderId);
    assertThat(clawback.refundRef()).isEqualTo("rf-77");
    assertThat(clawback.note()).isEqualTo("Refund rf-77: 5 removed");
    assertThat(clawback.expiresAt()).as("removed points carry no expiry").isNull();
    assertThat(clawback.balanceAfter()).isEqualTo(10);
    assertThat(balance()).isEqualTo(10);
    assertThat(db.ledger.sumOfEntries(shop.id(), customer)).isEqualTo(10);
  }

  @Test
  void aRepeatedEventChangesNothing() {
    String orderId = orderId();
    OrderChange paid = change("paid", EntryKind.EARN, 15, "earned", paidState(orderId, 15));
    activities.apply(shop.domain(), orderId, paid);

    AppliedChange repeat = activities.apply(shop.domain(), orderId, paid);
    // Even a different decision for the same business event is not applied again.
    AppliedChange different =
        activities.apply(
            shop.domain(),
            orderId,
            change("paid", EntryKind.EARN, 99, "other", paidState(orderId, 99)));

    assertThat(repeat).isEqualTo(new AppliedChange(false, 0, 0));
    assertThat(different).isEqualTo(new AppliedChange(false, 0, 0));
    assertThat(orderEntries(orderId)).hasSize(1);
    assertThat(balance()).isEqualTo(15);
    assertThat(db.ledger.sumOfEntries(shop.id(), customer)).isEqualTo(15);
    assertThat(activities.load(shop.domain(), orderId).order().pointsHeld()).isEqualTo(15);
    assertThat(eventDelta(orderId, "paid")).isEqualTo(15);
  }

  @Test
  void concurrentAppliesOfOneEventPostOnce() throws Exception {
    String orderId = orderId();
    OrderChange paid = change("paid", EntryKind.EARN, 15, "earned", paidState(orderId, 15));

    List<AppliedChange> answers =
        concurrently(8, i -> activities.apply(shop.domain(), orderId, paid));

    assertThat(answers)
        .filteredOn(AppliedChange::appliedNow)
        .containsExactly(new AppliedChange(true, 15, 0));
    assertThat(answers)
        .filteredOn(a -> !a.appliedNow())
        .hasSize(7)
        .allSatisfy(a -> assertThat(a).isEqualTo(new AppliedChange(false, 0, 0)));
    assertThat(orderEntries(orderId)).hasSize(1);
    assertThat(balance()).isEqualTo(15);
    assertThat(db.ledger.sumOfEntries(shop.id(), customer)).isEqualTo(15);
    assertThat(activities.load(shop.domain(), orderId).order().appliedEventKeys())
        .containsExactly("paid");
  }

  @Test
  void aZeroDeltaWithANoteAddsAnActivityNoteAndNoEntry() {
    String orderId = orderId();
    activities.apply(
        shop.domain(),
        orderId,
        change("paid", EntryKind.EARN, 15, "earned", paidState(orderId, 15)));
    String note =
        "Refund rf-9 on order %s went to store credit: no points cancelled.".formatted(orderId);
    OrderChange storeCredit = change("refund:rf-9", null, 0, note, paidState(orderId, 15));

    AppliedChange applied = activities.apply(shop.domain(), orderId, storeCredit);
    activities.apply(shop.domain(), orderId, storeCredit);

    assertThat(applied).isEqualTo(new AppliedChange(true, 0, 0));
    assertThat(db.ledger.findByKey(shop.id(), "order:%s:refund:rf-9".formatted(orderId))).isEmpty();
    assertThat(orderEntries(orderId)).hasSize(1);
    assertThat(balance()).isEqualTo(15);
    List<ActivityItem> notes = notes("ORDER_NOTE");
    assertThat(notes)
        .singleElement()
        .satisfies(
            item -> {
              assertThat(item.note()).isEqualTo(note);
              assertThat(item.orderId()).isEqualTo(orderId);
              assertThat(item.customerId()).isEqualTo(customer);
              assertThat(item.points()).isNull();
            });
    assertThat(db.activity.shopFeed(shop.id(), 1000))
        .filteredOn(item -> "ORDER_NOTE".equals(item.kind()) && note.equals(item.note()))
        .hasSize(1);
    assertThat(activities.load(shop.domain(), orderId).order().appliedEventKeys())
        .containsExactlyInAnyOrder("paid", "refund:rf-9");
  }

  @Test
  void aZeroDeltaWithoutANoteOnlyRecordsTheEvent() {
    String orderId = orderId();

    AppliedChange applied =
        activities.apply(
            shop.domain(), orderId, change("status:pending", null, 0, null, paidState(orderId, 0)));

    assertThat(applied).isEqualTo(new AppliedChange(true, 0, 0));
    assertThat(db.activity.shopFeed(shop.id(), 1000)).isEmpty();
    assertThat(db.ledger.findCustomer(shop.id(), customer).map(a -> a.pointsBalance()).orElse(0L))
        .isZero();
    assertThat(db.ledger.entries(shop.id(), customer, 100)).isEmpty();
    assertThat(activities.load(shop.domain(), orderId).order().applied("status:pending")).isTrue();
  }

  // ------------------------------------------------------- negative balance

  @Test
  void clampToZeroTakesOnlyTheBalanceAndSaysWhatCouldNotBeTaken() {
    String orderId = orderId();
    earn(customer, 30);
    OrderChange clawback =
        new OrderChange(
            "refund:rf-1",
            EntryKind.REFUND_CLAWBACK,
            -50,
            "Refund rf-1: 50 points removed.",
            refundedState(orderId),
            false,
            true);

    AppliedChange applied = activities.apply(shop.domain(), orderId, clawback);

    assertThat(applied).isEqualTo(new AppliedChange(true, -30, 0));
    LedgerEntry entry =
        db.ledger.findByKey(shop.id(), "order:%s:refund:rf-1".formatted(orderId)).orElseThrow();
    assertThat(entry.points()).isEqualTo(-30);
    assertThat(entry.balanceAfter()).isZero();
    assertThat(entry.note())
        .startsWith("Refund rf-1: 50 points removed.")
        .contains("20 of these points could not be taken")
        .contains("CLAMP_TO_ZERO");
    assertThat(eventDelta(orderId, "refund:rf-1")).isEqualTo(-30);
    assertThat(balance()).isZero();
    assertThat(db.ledger.sumOfEntries(shop.id(), customer)).isZero();

    // Nothing left to take: no entry, the note goes to the activity.
    String second = orderId();
    AppliedChange nothing =
        activities.apply(
            shop.domain(),
            second,
            new OrderChange(
                "refund:rf-2",
                EntryKind.REFUND_CLAWBACK,
                -10,
                "Refund rf-2: 10 points removed.",
                refundedState(second),
                false,
                true));
    assertThat(nothing).isEqualTo(new AppliedChange(true, 0, 0));
    assertThat(db.ledger.findByKey(shop.id(), "order:%s:refund:rf-2".formatted(second))).isEmpty();
    assertThat(notes("ORDER_NOTE"))
        .singleElement()
        .satisfies(
            item -> {
              assertThat(item.orderId()).isEqualTo(second);
              assertThat(item.note())
                  .startsWith("Refund rf-2: 10 points removed.")
                  .contains("10 of these points could not be taken");
            });
    assertThat(balance()).isZero();
  }

  @Test
  void allowBooksTheWholeClawbackEvenBelowZero() {
    String orderId = orderId();
    earn(customer, 30);

    AppliedChange applied =
        activities.apply(
            shop.domain(),
            orderId,
            change(
                "refund:rf-1",
                EntryKind.REFUND_CLAWBACK,
                -50,
                "Refund rf-1: 50 points removed.",
                refundedState(orderId)));

    assertThat(applied).isEqualTo(new AppliedChange(true, -50, 0));
    LedgerEntry entry =
        db.ledger.findByKey(shop.id(), "order:%s:refund:rf-1".formatted(orderId)).orElseThrow();
    assertThat(entry.points()).isEqualTo(-50);
    assertThat(entry.balanceAfter()).isEqualTo(-20);
    assertThat(entry.note()).isEqualTo("Refund rf-1: 50 points removed.");
    assertThat(balance()).isEqualTo(-20);
    assertThat(db.ledger.sumOfEntries(shop.id(), customer)).isEqualTo(-20);
  }

  @Test
  void clampToZeroAppliesClawbacksOfOneCustomersOrdersOneAfterTheOther() throws Exception {
    // Without pausing (the ordinary case) two clamped clawbacks in a row take only the balance.
    earn(customer, 30);
    String first = orderId();
    String second = orderId();
    activities.apply(shop.domain(), first, clampedFullRefund(first, 40));
    activities.apply(shop.domain(), second, clampedFullRefund(second, 40));

    assertThat(balance()).isZero();
    assertThat(eventDelta(first, "refund:full")).isEqualTo(-30);
    assertThat(eventDelta(second, "refund:full")).isZero();
  }

  /**
   * Two sagas of two orders of one customer claw back at once (balance 30, two clamped clawbacks of
   * 40): {@code applyInTransaction} reads the balance through {@code Ledger.lockBalance}, a {@code
   * select ... for update} of the customer's row, and clamps on it. The first clawback holds on
   * right after that read, its row lock held, until the second either reads the balance too (the
   * lock did not keep it out: both take 30, the balance goes to -30) or is seen waiting in
   * PostgreSQL for the first's lock (see {@link PausingLedger}). So the race is forced every run,
   * and removing the row lock fails this test every time, not 80 times in 100.
   */
  @Test
  void clampToZeroHoldsWhenTwoOrdersOfOneCustomerAreClawedBackAtOnce() throws Exception {
    earn(customer, 30);
    String[] orders = {orderId(), orderId()};
    List<AppliedChange> answers;
    PausingLedger.Outcome held;
    ledger.holdLockedReads(); // the first reader holds the row until the second is at the door
    try {
      answers =
          concurrently(
              2, i -> activities.apply(shop.domain(), orders[i], clampedFullRefund(orders[i], 40)));
    } finally {
      held = ledger.release();
    }

    assertThat(answers).extracting(AppliedChange::pointsPosted).containsExactlyInAnyOrder(-30L, 0L);
    assertThat(balance()).as("CLAMP_TO_ZERO: the balance never goes below zero").isZero();
    assertThat(db.ledger.sumOfEntries(shop.id(), customer)).isZero();
    assertThat(held)
        .as(
            "the first clawback held its locked read until the second waited for the customer's row")
        .isEqualTo(PausingLedger.Outcome.OTHER_WAITED_FOR_THE_LOCK);
  }

  private OrderChange clampedFullRefund(String orderId, long held) {
    return new OrderChange(
        "refund:full",
        EntryKind.REFUND_CLAWBACK,
        -held,
        "Order %s fully refunded: %d points removed.".formatted(orderId, held),
        refundedState(orderId),
        false,
        true);
  }

  // ------------------------------------------------------------ coupon points

  @Test
  void aFullRefundRestoresTheCouponPointsWithAFreshExpiry() {
    earn(customer, 1000);
    Redemption redemption = issuedRedemption(customer, 500);
    String orderId = orderId();
    activities.apply(
        shop.domain(),
        orderId,
        change(
            "paid",
            EntryKind.EARN,
            15,
            "earned",
            withCodes(paidState(orderId, 15), redemption.couponCode())));
    assertThat(balance()).isEqualTo(515);

    OrderChange fullRefund =
        new OrderChange(
            "refund:rf-2",
            EntryKind.REFUND_CLAWBACK,
            -15,
            "fully refunded",
            withCodes(refundedState(orderId), "SOMEONE-ELSES-CODE", redemption.couponCode()),
            true,
            false);
    AppliedChange applied = activities.apply(shop.domain(), orderId, fullRefund);

    assertThat(applied).isEqualTo(new AppliedChange(true, -15, 500));
    Instant refundedAt = appliedAt(orderId, "refund:rf-2");
    LedgerEntry restored =
        db.ledger
            .findByKey(shop.id(), "redemption:%s:order-refund".formatted(redemption.id()))
            .orElseThrow();
    assertThat(restored.kind()).isEqualTo(EntryKind.COUPON_POINTS_RESTORED);
    assertThat(restored.points()).isEqualTo(500);
    assertThat(restored.customerId()).isEqualTo(customer);
    assertThat(restored.orderRef()).isEqualTo(orderId);
    assertThat(restored.redemptionRef()).isEqualTo(redemption.id());
    assertThat(restored.note())
        .contains(orderId)
        .contains(redemption.couponCode())
        .contains("500 points");
    assertThat(restored.expiresAt()).as("RESET_FROM_REFUND").isEqualTo(refundedAt.plus(LIFETIME));
    assertThat(restored.balanceAfter()).isEqualTo(1000);

    Redemption after = db.redemptions.find(redemption.id()).orElseThrow();
    assertThat(after.status()).isEqualTo(RedemptionStatus.REFUNDED);
    assertThat(after.refundedAt()).isEqualTo(refundedAt);
    assertThat(after.statusReason()).contains(orderId);
    assertThat(balance()).isEqualTo(1000);
    assertThat(db.ledger.sumOfEntries(shop.id(), customer)).isEqualTo(1000);

    // A retry of the refund restores nothing more.
    assertThat(activities.apply(shop.domain(), orderId, fullRefund))
        .isEqualTo(new AppliedChange(false, 0, 0));
    assertThat(entries(EntryKind.COUPON_POINTS_RESTORED)).hasSize(1);

    // The cancellation saga sees the redemption as refunded (ALREADY_REFUNDED) and credits nothing.
    assertThat(redemptionActivities.load(shop.domain(), redemption.id()).refundedAt())
        .isEqualTo(refundedAt);
    PointsRefund cancellation =
        redemptionActivities.refundPoints(shop.domain(), redemption.id(), RefundReason.CANCELLED);
    assertThat(cancellation.refundedNow()).isFalse();
    assertThat(cancellation.pointsRefunded()).isZero();
    assertThat(cancellation.refundedAt()).isEqualTo(refundedAt);
    assertThat(entries(EntryKind.REDEMPTION_REFUND)).isEmpty();
    assertThat(balance()).isEqualTo(1000);
  }

  @Test
  void keepOriginalExpiryCountsFromTheRedemption() {
    settings.save(
        shop.id(),
        new ShopSettings(null, null, null, null, RefundedPointsExpiry.KEEP_ORIGINAL, false, null));
    earn(customer, 1000);
    Redemption redemption = issuedRedemption(customer, 500);
    String orderId = orderId();

    // The customer typed the code in lower case at checkout: it is still the redeemed coupon.
    AppliedChange applied =
        activities.apply(
            shop.domain(),
            orderId,
            new OrderChange(
                "status:refunded",
                EntryKind.REFUND_CLAWBACK,
                0,
                "fully refunded",
                withCodes(refundedState(orderId), redemption.couponCode().toLowerCase()),
                true,
                false));

    assertThat(applied.couponPointsRestored()).isEqualTo(500);
    LedgerEntry restored = entries(EntryKind.COUPON_POINTS_RESTORED).get(0);
    assertThat(restored.expiresAt()).isEqualTo(redemption.createdAt().plus(LIFETIME));
    assertThat(restored.expiresAt())
        .isNotEqualTo(appliedAt(orderId, "status:refunded").plus(LIFETIME));
    assertThat(db.redemptions.find(redemption.id()).orElseThrow().status())
        .isEqualTo(RedemptionStatus.REFUNDED);
    assertThat(balance()).isEqualTo(1000);
  }

  @Test
  void aRedemptionAlreadyRefundedByACancellationIsNotRestoredAgain() {
    earn(customer, 1000);
    Redemption redemption = issuedRedemption(customer, 500);
    PointsRefund cancelled =
        redemptionActivities.refundPoints(shop.domain(), redemption.id(), RefundReason.CANCELLED);
    assertThat(balance()).isEqualTo(1000);
    String orderId = orderId();

    AppliedChange applied =
        activities.apply(
            shop.domain(),
            orderId,
            new OrderChange(
                "refund:rf-1",
                EntryKind.REFUND_CLAWBACK,
                0,
                "fully refunded",
                withCodes(refundedState(orderId), redemption.couponCode()),
                true,
                false));

    assertThat(applied).isEqualTo(new AppliedChange(true, 0, 0));
    assertThat(entries(EntryKind.COUPON_POINTS_RESTORED)).isEmpty();
    assertThat(entries(EntryKind.REDEMPTION_REFUND)).hasSize(1);
    assertThat(balance()).isEqualTo(1000);
    Redemption after = db.redemptions.find(redemption.id()).orElseThrow();
    assertThat(after.refundedAt()).isEqualTo(cancelled.refundedAt());
    assertThat(after.statusReason()).isEqualTo(RefundReason.CANCELLED.name());
  }

  @Test
  void onlyTheOrdersCustomersRedemptionsAreRestoredAndOnlyWhenAsked() {
    String other = customer + "-other";
    earn(customer, 1000);
    earn(other, 1000);
    Redemption theirs = issuedRedemption(other, 500);
    Redemption mine = issuedRedemption(customer, 300);

    // A partial refund (restoreCouponPoints false) never restores.
    String partial = orderId();
    AppliedChange partly =
        activities.apply(
            shop.domain(),
            partial,
            new OrderChange(
                "refund:rf-1",
                EntryKind.REFUND_CLAWBACK,
                0,
                "partly refunded",
                withCodes(paidState(partial, 5), mine.couponCode()),
                false,
                false));
    assertThat(partly.couponPointsRestored()).isZero();
    assertThat(db.redemptions.find(mine.id()).orElseThrow().refundedAt()).isNull();

    String orderId = orderId();
    AppliedChange applied =
        activities.apply(
            shop.domain(),
            orderId,
            new OrderChange(
                "refund:rf-2",
                EntryKind.REFUND_CLAWBACK,
                0,
                "fully refunded",
                withCodes(refundedState(orderId), theirs.couponCode(), "NOT-A-REDEMPTION"),
                true,
                false));

    assertThat(applied.couponPointsRestored()).isZero();
    assertThat(db.ledger.entries(shop.id(), other, 100))
        .noneMatch(e -> e.kind() == EntryKind.COUPON_POINTS_RESTORED);
    assertThat(entries(EntryKind.COUPON_POINTS_RESTORED)).isEmpty();
    Redemption untouched = db.redemptions.find(theirs.id()).orElseThrow();
    assertThat(untouched.status()).isEqualTo(RedemptionStatus.ISSUED);
    assertThat(untouched.refundedAt()).isNull();
    assertThat(balance()).isEqualTo(700);
    assertThat(db.ledger.findCustomer(shop.id(), other).orElseThrow().pointsBalance())
        .isEqualTo(500);
  }

  // -------------------------------------------------------------------- VIP

  @Test
  void vipTierFollowsThePointsHeldByOrdersThatStillCount() {
    settings.save(shop.id(), tiers(VipTier.Basis.POINTS, 100, 500));
    String big = orderId();
    String small = orderId();
    activities.apply(
        shop.domain(), big, change("paid", EntryKind.EARN, 400, "earned", paidState(big, 400)));
    activities.apply(
        shop.domain(), small, change("paid", EntryKind.EARN, 200, "earned", paidState(small, 200)));

    VipChange up = activities.recalculateVip(shop.domain(), customer, small + ":paid");

    assertThat(up).isEqualTo(new VipChange(null, "Gold"));
    assertThat(vipTier()).isEqualTo("Gold");
    assertThat(notes("VIP_TIER_CHANGED"))
        .singleElement()
        .satisfies(
            n -> assertThat(n.note()).contains("moved up").contains("Gold").contains("600 points"));

    activities.apply(
        shop.domain(),
        small,
        change("refund:rf-1", EntryKind.REFUND_CLAWBACK, -200, "refunded", refundedState(small)));
    String cause = small + ":refund:rf-1";
    VipChange down = activities.recalculateVip(shop.domain(), customer, cause);

    assertThat(down).isEqualTo(new VipChange("Gold", "Silver"));
    assertThat(down.changed()).isTrue();
    assertThat(vipTier()).isEqualTo("Silver");
    List<ActivityItem> downs =
        notes("VIP_TIER_CHANGED").stream().filter(n -> n.note().contains("moved down")).toList();
    assertThat(downs)
        .singleElement()
        .satisfies(
            n -> assertThat(n.note()).contains("Gold").contains("Silver").contains("400 points"));
    assertThat(db.activity.shopFeed(shop.id(), 1000))
        .filteredOn(i -> "VIP_TIER_CHANGED".equals(i.kind()) && i.note().contains("moved down"))
        .hasSize(1);

    // The same cause again: nothing moves, nothing is noted.
    VipChange repeat = activities.recalculateVip(shop.domain(), customer, cause);
    assertThat(repeat).isEqualTo(new VipChange("Silver", "Silver"));
    assertThat(repeat.changed()).isFalse();
    assertThat(notes("VIP_TIER_CHANGED")).hasSize(2);
    // Even if the tier had to be moved again for the same cause, the note is written once.
    db.jdbc
        .sql("update customer set vip_tier = 'Gold' where shop_id = ? and customer_id = ?")
        .params(shop.id(), customer)
        .update();
    assertThat(activities.recalculateVip(shop.domain(), customer, cause))
        .isEqualTo(new VipChange("Gold", "Silver"));
    assertThat(vipTier()).isEqualTo("Silver");
    assertThat(notes("VIP_TIER_CHANGED")).hasSize(2);

    // The last counting order refunded too: below every tier.
    activities.apply(
        shop.domain(),
        big,
        change("refund:rf-2", EntryKind.REFUND_CLAWBACK, -400, "refunded", refundedState(big)));
    assertThat(activities.recalculateVip(shop.domain(), customer, big + ":refund:rf-2"))
        .isEqualTo(new VipChange("Silver", null));
    assertThat(vipTier()).isNull();
    assertThat(notes("VIP_TIER_CHANGED"))
        .hasSize(3)
        .first()
        .satisfies(
            n -> assertThat(n.note()).contains("moved down").contains("from Silver to no tier"));
  }

  @Test
  void revenueTiersCountTheRemainingSpendOfOpenPaidOrdersOnly() {
    settings.save(shop.id(), tiers(VipTier.Basis.REVENUE, 200, 300));
    String open = orderId();
    String refunded = orderId();
    String unpaid = orderId();
    String othersOrder = orderId();
    activities.apply(
        shop.domain(),
        open,
        change(
            "paid",
            EntryKind.EARN,
            300,
            "earned",
            spendState(open, customer, "300.00", "50.00", OrderStatus.OPEN)));
    activities.apply(
        shop.domain(),
        refunded,
        change(
            "paid",
            null,
            0,
            null,
            spendState(refunded, customer, "500.00", "500.00", OrderStatus.REFUNDED)));
    activities.apply(
        shop.domain(),
        unpaid,
        change(
            "refund:early",
            null,
            0,
            null,
            spendState(unpaid, customer, null, "80.00", OrderStatus.OPEN)));
    activities.apply(
        shop.domain(),
        othersOrder,
        change(
            "paid",
            null,
            0,
            null,
            spendState(othersOrder, customer + "-x", "1000.00", "0.00", OrderStatus.OPEN)));

    VipChange placed = activities.recalculateVip(shop.domain(), customer, open + ":paid");

    assertThat(placed).isEqualTo(new VipChange(null, "Silver"));
    assertThat(vipTier()).isEqualTo("Silver");
    assertThat(notes("VIP_TIER_CHANGED"))
        .singleElement()
        .satisfies(n -> assertThat(n.note()).contains("250.00"));

    // Exactly at the threshold still counts.
    activities.apply(
        shop.domain(),
        open,
        change(
            "refund:r1",
            null,
            0,
            null,
            spendState(open, customer, "300.00", "100.00", OrderStatus.OPEN)));
    assertThat(activities.recalculateVip(shop.domain(), customer, open + ":refund:r1"))
        .isEqualTo(new VipChange("Silver", "Silver"));

    // One cent below does not.
    activities.apply(
        shop.domain(),
        open,
        change(
            "refund:r2",
            null,
            0,
            null,
            spendState(open, customer, "300.00", "100.01", OrderStatus.OPEN)));
    VipChange down = activities.recalculateVip(shop.domain(), customer, open + ":refund:r2");
    assertThat(down).isEqualTo(new VipChange("Silver", null));
    assertThat(vipTier()).isNull();
    assertThat(notes("VIP_TIER_CHANGED"))
        .hasSize(2)
        .first()
        .satisfies(
            n -> assertThat(n.note()).contains("moved down").contains("Silver").contains("199.99"));
  }

  @Test
  void withoutTiersNobodyHasATier() {
    String orderId = orderId();
    activities.apply(
        shop.domain(),
        orderId,
        change("paid", EntryKind.EARN, 5000, "earned", paidState(orderId, 5000)));

    VipChange change = activities.recalculateVip(shop.domain(), customer, orderId + ":paid");

    assertThat(change).isEqualTo(new VipChange(null, null));
    assertThat(change.changed()).isFalse();
    assertThat(vipTier()).isNull();
    assertThat(notes("VIP_TIER_CHANGED")).isEmpty();
  }

  // ----------------------------------------------------------- unknown shop

  @Test
  void theOrdersLinesAreKeptAndLoadedBackForRefundChecks() {
    String orderId = orderId();
    List<OrderLineState> lines =
        List.of(
            new OrderLineState("line-1", new BigDecimal("40.00"), new BigDecimal("33.33"), null),
            new OrderLineState("line-2", new BigDecimal("20.00"), new BigDecimal("16.67"), null));
    OrderState paid = withLines(paidState(orderId, 50), lines);

    activities.apply(shop.domain(), orderId, change("paid", EntryKind.EARN, 50, "earned", paid));
    OrderState loaded = activities.load(shop.domain(), orderId).order();

    assertThat(loaded.linesKnown()).isTrue();
    assertThat(loaded.lines())
        .containsExactly(
            new OrderLineState(
                "line-1", new BigDecimal("40.00"), new BigDecimal("33.33"), new BigDecimal("0.00")),
            new OrderLineState(
                "line-2",
                new BigDecimal("20.00"),
                new BigDecimal("16.67"),
                new BigDecimal("0.00")));

    OrderState refunded =
        withLines(
            paid,
            List.of(
                lines.get(0),
                new OrderLineState(
                    "line-2",
                    new BigDecimal("20.00"),
                    new BigDecimal("16.67"),
                    new BigDecimal("16.67")),
                new OrderLineState("early", null, null, new BigDecimal("1.00"))));
    activities.apply(
        shop.domain(), orderId, change("refund:r1", EntryKind.REFUND_CLAWBACK, 0, null, refunded));

    assertThat(activities.load(shop.domain(), orderId).order().line("line-2"))
        .hasValueSatisfying(l -> assertThat(l.amountRefunded()).isEqualByComparingTo("16.67"));
    assertThat(activities.load(shop.domain(), orderId).order().line("early"))
        .hasValueSatisfying(l -> assertThat(l.onOrder()).isFalse());
  }

  @Test
  void anOrderPaidBeforeLinesWereKeptCannotBeCheckedLineByLine() {
    String orderId = orderId();

    activities.apply(
        shop.domain(), orderId, change("paid", EntryKind.EARN, 5, "x", paidState(orderId, 5)));

    assertThat(activities.load(shop.domain(), orderId).order().lines()).isNull();
    assertThat(activities.load(shop.domain(), orderId).order().linesKnown()).isFalse();
  }

  @Test
  void aFailedEventIsKeptForAPersonOnce() {
    String orderId = orderId();
    FailedOrderEvent failed =
        new FailedOrderEvent(
            "refund:567",
            0,
            "refund 567 of order " + orderId,
            "It refunds 5.00 of line item 9, which order " + orderId + " does not have.",
            "OrderEvent.UNKNOWN_LINE_ITEM",
            "order:" + orderId);

    assertThat(activities.recordFailure(shop.domain(), orderId, failed)).isTrue();
    assertThat(activities.recordFailure(shop.domain(), orderId, failed)).isFalse();

    var items = new io.pointsaga.attention.AttentionItems(db.jdbc, db.clock).open(shop.id(), 10);
    assertThat(items)
        .singleElement()
        .satisfies(
            item -> {
              assertThat(item.kind())
                  .isEqualTo(io.pointsaga.attention.AttentionKind.ORDER_EVENT_FAILED);
              assertThat(item.subject()).isEqualTo("refund 567 of order " + orderId);
              assertThat(item.problem()).contains("does not have");
              assertThat(item.workflowId()).isEqualTo("order:" + orderId);
            });
  }

  private static OrderState withLines(OrderState s, List<OrderLineState> lines) {
    return new OrderState(
        s.orderId(),
        s.customerId(),
        s.currency(),
        s.effectiveSpend(),
        s.refundedAmount(),
        s.awardedRate(),
        s.pointsEarned(),
        s.pointsHeld(),
        s.status(),
        s.discountCodes(),
        s.appliedEventKeys(),
        s.shippingTotal(),
        s.shippingRefunded(),
        lines);
  }

  @Test
  void anUnknownShopIsANonRetryableFailure() {
    String nowhere = "nowhere-" + IDS.incrementAndGet() + ".myshopify.com";
    String orderId = orderId();

    for (Runnable call :
        List.<Runnable>of(
            () -> activities.load(nowhere, orderId),
            () ->
                activities.apply(
                    nowhere,
                    orderId,
                    change("paid", EntryKind.EARN, 1, "x", paidState(orderId, 1))),
            () -> activities.recalculateVip(nowhere, customer, "c"))) {
      assertThatThrownBy(call::run)
          .isInstanceOfSatisfying(
              ApplicationFailure.class,
              f -> {
                assertThat(f.getType()).isEqualTo("UnknownShop");
                assertThat(f.isNonRetryable()).isTrue();
              });
    }
    assertThat(db.ledger.findCustomer(shop.id(), customer)).isEmpty();
  }

  // ----------------------------------------------------------------- helpers

  private static String orderId() {
    return "ord-" + IDS.incrementAndGet();
  }

  private static OrderChange change(
      String key, EntryKind kind, long delta, String note, OrderState after) {
    return new OrderChange(key, kind, delta, note, after, false, false);
  }

  /** An open $15 order at 1 point per unit, holding {@code held} points. */
  private OrderState paidState(String orderId, long held) {
    return new OrderState(
        orderId,
        customer,
        "USD",
        new BigDecimal("15.00"),
        BigDecimal.ZERO,
        new BigDecimal("1.0000"),
        held,
        held,
        OrderStatus.OPEN,
        List.of(),
        null);
  }

  /** A fully refunded order that holds nothing. */
  private OrderState refundedState(String orderId) {
    return new OrderState(
        orderId,
        customer,
        "USD",
        new BigDecimal("15.00"),
        new BigDecimal("15.00"),
        new BigDecimal("1.0000"),
        15,
        0,
        OrderStatus.REFUNDED,
        List.of(),
        null);
  }

  private static OrderState spendState(
      String orderId, String customerId, String spend, String refunded, OrderStatus status) {
    return new OrderState(
        orderId,
        customerId,
        "USD",
        spend == null ? null : new BigDecimal(spend),
        new BigDecimal(refunded),
        new BigDecimal("1.0000"),
        0,
        0,
        status,
        List.of(),
        null);
  }

  private static OrderState withCodes(OrderState s, String... codes) {
    return new OrderState(
        s.orderId(),
        s.customerId(),
        s.currency(),
        s.effectiveSpend(),
        s.refundedAmount(),
        s.awardedRate(),
        s.pointsEarned(),
        s.pointsHeld(),
        s.status(),
        List.of(codes),
        s.appliedEventKeys());
  }

  private static ShopSettings tiers(VipTier.Basis basis, long silver, long gold) {
    // Listed out of order on purpose: placement must not depend on it.
    return new ShopSettings(
        null,
        null,
        null,
        null,
        null,
        false,
        List.of(new VipTier("Gold", gold, basis), new VipTier("Silver", silver, basis)));
  }

  /** A redemption whose coupon exists on the platform, made like the redemption saga makes it. */
  private Redemption issuedRedemption(String customerId, long cost) {
    Reward reward =
        db.rewards.create(
            shop.id(), "$" + cost / 100 + " off", cost, new BigDecimal(cost / 100 + ".00"));
    String id = "rdm_" + IDS.incrementAndGet() + "_" + System.nanoTime();
    Reservation reservation =
        redemptionActivities.reserve(
            new ReserveRedemption(shop.domain(), customerId, reward.id(), id));
    assertThat(reservation.status()).isEqualTo(Reservation.Status.RESERVED);
    redemptionActivities.markIssued(id, "gid://shopify/DiscountCodeNode/" + IDS.incrementAndGet());
    Redemption issued = db.redemptions.find(id).orElseThrow();
    assertThat(issued.status()).isEqualTo(RedemptionStatus.ISSUED);
    assertThat(db.ledger.findByKey(shop.id(), RedemptionKeys.debit(id))).isPresent();
    return issued;
  }

  private void earn(String customerId, long points) {
    db.ledger.post(
        new Posting(
            shop.id(),
            customerId,
            points,
            EntryKind.MANUAL_ADJUSTMENT,
            "test:" + customerId + ":" + IDS.incrementAndGet(),
            "starting balance",
            null,
            db.clock.instant().plus(LIFETIME),
            BalanceRule.ALLOW_NEGATIVE));
  }

  private long balance() {
    return db.ledger.findCustomer(shop.id(), customer).orElseThrow().pointsBalance();
  }

  private String vipTier() {
    return db.ledger.findCustomer(shop.id(), customer).orElseThrow().vipTier();
  }

  private List<LedgerEntry> entries(EntryKind kind) {
    return db.ledger.entries(shop.id(), customer, 1000).stream()
        .filter(e -> e.kind() == kind)
        .toList();
  }

  private List<LedgerEntry> orderEntries(String orderId) {
    return db.ledger.entries(shop.id(), customer, 1000).stream()
        .filter(e -> orderId.equals(e.orderRef()))
        .toList();
  }

  /** The customer's notes of a kind (not ledger entries), newest first. */
  private List<ActivityItem> notes(String kind) {
    return db.activity.customerFeed(shop.id(), customer, 1000).stream()
        .filter(item -> kind.equals(item.kind()) && item.points() == null)
        .toList();
  }

  private int orderRows(String orderId) {
    return db.jdbc
        .sql("select count(*) from customer_order where shop_id = ? and order_id = ?")
        .params(shop.id(), orderId)
        .query(Integer.class)
        .single();
  }

  private Instant appliedAt(String orderId, String eventKey) {
    return db.jdbc
        .sql(
            "select applied_at from order_event where shop_id = ? and order_id = ? and event_key = ?")
        .params(shop.id(), orderId, eventKey)
        .query((rs, n) -> rs.getTimestamp(1).toInstant())
        .single();
  }

  private long eventDelta(String orderId, String eventKey) {
    return db.jdbc
        .sql(
            "select points_delta from order_event where shop_id = ? and order_id = ? and event_key = ?")
        .params(shop.id(), orderId, eventKey)
        .query(Long.class)
        .single();
  }

  private static <T> List<T> concurrently(int threads, IntFunction<T> call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        int index = i;
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return call.apply(index);
                }));
      }
      start.countDown();
      List<T> answers = new ArrayList<>();
      for (Future<T> future : futures) {
        answers.add(future.get(30, TimeUnit.SECONDS));
      }
      return answers;
    } finally {
      pool.shutdownNow();
    }
  }
}
