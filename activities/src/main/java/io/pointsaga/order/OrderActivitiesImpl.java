package io.pointsaga.order;

import io.pointsaga.attention.AttentionItems;
import io.pointsaga.attention.AttentionKind;
import io.pointsaga.attention.NewAttentionItem;
import io.pointsaga.earning.EarningRules;
import io.pointsaga.ledger.Activity;
import io.pointsaga.ledger.BalanceRule;
import io.pointsaga.ledger.CustomerAccount;
import io.pointsaga.ledger.Ledger;
import io.pointsaga.ledger.Note;
import io.pointsaga.ledger.Posting;
import io.pointsaga.redemption.Redemption;
import io.pointsaga.redemption.RedemptionRefunds;
import io.pointsaga.settings.Settings;
import io.pointsaga.settings.ShopSettings;
import io.pointsaga.settings.ShopSettings.VipTier;
import io.pointsaga.shop.Shop;
import io.pointsaga.shop.Shops;
import io.temporal.failure.ApplicationFailure;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

@Component("orderActivities")
public class OrderActivitiesImpl implements OrderActivities {
  private static final Logger log = LoggerFactory.getLogger(OrderActivitiesImpl.class);

  private final Shops shops;
  private final Orders orders;
  private final Settings settings;
  private final EarningRules earningRules;
  private final Ledger ledger;
  private final Activity activity;
  private final RedemptionRefunds redemptionRefunds;
  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final Duration pointsLifetime;
  private final AttentionItems attention;

  public OrderActivitiesImpl(
      Shops shops,
      Orders orders,
      Settings settings,
      EarningRules earningRules,
      Ledger ledger,
      Activity activity,
      RedemptionRefunds redemptionRefunds,
      JdbcClient jdbc,
      TransactionTemplate tx,
      Clock clock,
      @Value("${pointsaga.ledger.points-lifetime:P365D}") Duration pointsLifetime,
      AttentionItems attention) {
    this.shops = shops;
    this.orders = orders;
    this.settings = settings;
    this.earningRules = earningRules;
    this.ledger = ledger;
    this.activity = activity;
    this.redemptionRefunds = redemptionRefunds;
    this.jdbc = jdbc;
    this.tx = tx;
    this.clock = clock;
    this.pointsLifetime = pointsLifetime;
    this.attention = attention;
  }

  @Override
  public OrderContext load(String shopDomain, String orderId) {
    Shop shop = shop(shopDomain);
    OrderContext.CurrentRule rule =
        earningRules
            .placeOrderRule(shop.id())
            .map(r -> new OrderContext.CurrentRule(r.pointsPerUnit(), r.enabled()))
            .orElse(null);
    return new OrderContext(orders.load(shop.id(), orderId), settings.of(shop.id()), rule);
  }

  @Override
  public AppliedChange apply(String shopDomain, String orderId, OrderChange change) {
    Shop shop = shop(shopDomain);
    AppliedChange applied = tx.execute(status -> applyInTransaction(shop, orderId, change));
    if (applied != null && applied.appliedNow()) {
      log.info(
          "order event applied: shop={} order={} event={} customer={} points={} ({})"
              + " couponPointsRestored={}",
          shop.domain(),
          orderId,
          change.eventKey(),
          change.after().customerId(),
          applied.pointsPosted(),
          change.entryKind(),
          applied.couponPointsRestored());
    }
    return applied;
  }

  private AppliedChange applyInTransaction(Shop shop, String orderId, OrderChange change) {
    OrderState after = change.after();
    String customer = after.customerId();
    // Lock order, the same for every writer: the customer's row first, then the order's. Customers
    // are created on first use, points or not; the lock also makes the clamp below race-free.
    long balance = customer == null ? 0 : ledger.lockBalance(shop.id(), customer);
    orders.lock(shop.id(), orderId);
    if (orders.applied(shop.id(), orderId, change.eventKey())) {
      return new AppliedChange(false, 0, 0);
    }
    Instant now = clock.instant();
    long posted = change.pointsDelta();
    String note = change.note();
    if (customer != null) {
      if (posted < 0 && change.clampToZero()) {
        long takeable = Math.max(0, Math.min(-posted, balance));
        if (takeable < -posted) {
          note =
              (note == null ? "" : note + " ")
                  + "%d of these points could not be taken: the balance may not go below zero (negativeBalance CLAMP_TO_ZERO)."
                      .formatted(-posted - takeable);
        }
        posted = -takeable;
      }
    }
    orders.recordEvent(shop.id(), orderId, change.eventKey(), posted, note, now);
    if (posted != 0) {
      Objects.requireNonNull(customer, "points can only move on an order with a customer");
      ledger.post(
          new Posting(
              shop.id(),
              customer,
              posted,
              change.entryKind(),
              "order:%s:%s".formatted(orderId, change.eventKey()),
              note,
              new Posting.References(orderId, refundRef(change.eventKey()), null),
              posted > 0 ? now.plus(pointsLifetime) : null,
              BalanceRule.ALLOW_NEGATIVE));
    } else if (note != null) {
      activity.add(
          new Note(
              shop.id(),
              customer,
              "ORDER_NOTE",
              null,
              orderId,
              note,
              "order:%s:%s:note".formatted(orderId, change.eventKey())));
    }
    orders.save(shop.id(), after, now);
    long restored = 0;
    if (change.restoreCouponPoints() && customer != null) {
      restored = restoreCouponPoints(shop, after, now);
    } else if (change.restoreCouponPointsInProportion() && customer != null) {
      restored = restoreCouponPointsInProportion(shop, after, change.eventKey(), now);
    }
    return new AppliedChange(true, posted, restored);
  }

  private long restoreCouponPoints(Shop shop, OrderState order, Instant now) {
    ShopSettings policy = settings.of(shop.id());
    long restored = 0;
    for (String code : order.discountCodes()) {
      restored +=
          redemptionRefunds
              .restoreForFullyRefundedOrder(
                  shop.id(),
                  order.customerId(),
                  code,
                  order.orderId(),
                  now,
                  policy.refundedPointsExpiry(),
                  pointsLifetime)
              .map(Redemption::pointsSpent)
              .orElse(0L);
    }
    return restored;
  }

  private long restoreCouponPointsInProportion(
      Shop shop, OrderState order, String eventKey, Instant now) {
    ShopSettings policy = settings.of(shop.id());
    RedemptionRefunds.OrderRefundShare share =
        new RedemptionRefunds.OrderRefundShare(
            order.orderId(),
            eventKey,
            order.refundedAmount(),
            order.effectiveSpend(),
            order.status() == OrderStatus.REFUNDED);
    long restored = 0;
    for (String code : order.discountCodes()) {
      restored +=
          redemptionRefunds.restoreInProportion(
              shop.id(),
              order.customerId(),
              code,
              share,
              now,
              policy.refundedPointsExpiry(),
              pointsLifetime);
    }
    return restored;
  }

  @Override
  public VipChange recalculateVip(String shopDomain, String customerId, String cause) {
    Shop shop = shop(shopDomain);
    List<VipTier> tiers =
        settings.of(shop.id()).vipTiers().stream()
            .sorted(Comparator.comparingLong(VipTier::threshold))
            .toList();
    return tx.execute(
        status -> {
          ledger.lockBalance(shop.id(), customerId); // the customer's row first, as every writer
          String before =
              ledger.findCustomer(shop.id(), customerId).map(CustomerAccount::vipTier).orElse(null);
          Orders.VipMetrics metrics = orders.vipMetrics(shop.id(), customerId);
          String after = null;
          for (VipTier tier : tiers) {
            long value =
                tier.basis() == VipTier.Basis.POINTS
                    ? metrics.pointsHeld()
                    : metrics.revenue().longValue();
            if (value >= tier.threshold()) {
              after = tier.name();
            }
          }
          VipChange change = new VipChange(before, after);
          if (change.changed()) {
            jdbc.sql("update customer set vip_tier = ? where shop_id = ? and customer_id = ?")
                .params(after, shop.id(), customerId)
                .update();
            activity.add(
                new Note(
                    shop.id(),
                    customerId,
                    "VIP_TIER_CHANGED",
                    null,
                    null,
                    vipNote(before, after, tiers, metrics),
                    "vip:%s:%s".formatted(customerId, cause)));
          }
          return change;
        });
  }

  @Override
  public boolean recordFailure(String shopDomain, String orderId, FailedOrderEvent failed) {
    Shop shop = shop(shopDomain);
    return attention.open(
        shop.id(),
        new NewAttentionItem(
            AttentionKind.ORDER_EVENT_FAILED,
            NewAttentionItem.orderEventKey(orderId, failed.eventKey()),
            failed.subject(),
            failed.problem(),
            failed.workflowId(),
            failed.inboxId() > 0 ? failed.inboxId() : null,
            orderId,
            failed.eventKey()));
  }

  @Override
  public void deliveryHandled(String shopDomain, long inboxId) {
    jdbc.sql(
            """
            update webhook_inbox set handled_at = ?
            where id = ? and handled_at is null and shop_id = (select id from shop where domain = ?)
            """)
        .params(Timestamp.from(clock.instant()), inboxId, shopDomain)
        .update();
  }

  private static String vipNote(
      String before, String after, List<VipTier> tiers, Orders.VipMetrics m) {
    int rankBefore = rank(tiers, before);
    int rankAfter = rank(tiers, after);
    String move = rankAfter < rankBefore ? "moved down" : "moved up";
    return "VIP tier %s from %s to %s: orders that still count hold %d points and %s in spend (cancelled or refunded orders no longer count)."
        .formatted(
            move,
            before == null ? "no tier" : before,
            after == null ? "no tier" : after,
            m.pointsHeld(),
            m.revenue().toPlainString());
  }

  private static int rank(List<VipTier> tiers, String name) {
    for (int i = 0; i < tiers.size(); i++) {
      if (tiers.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  private static String refundRef(String eventKey) {
    return eventKey.startsWith("refund:") ? eventKey.substring("refund:".length()) : null;
  }

  private Shop shop(String shopDomain) {
    return shops
        .findByDomain(shopDomain)
        .orElseThrow(
            () ->
                ApplicationFailure.newNonRetryableFailure(
                    "Shop %s is not known to this service".formatted(shopDomain), "UnknownShop"));
  }
}
