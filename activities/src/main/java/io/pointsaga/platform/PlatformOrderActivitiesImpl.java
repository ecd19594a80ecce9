package io.pointsaga.platform;

import io.pointsaga.order.OrderEvent;
import io.pointsaga.order.OrderEventKind;
import io.pointsaga.order.OrderSnapshot;
import io.pointsaga.order.RefundSnapshot;
import java.math.BigInteger;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * {@link PlatformOrderActivities} for real platforms: fetches what a BigCommerce webhook only
 * names. Shopify events carry the whole order and pass through unchanged.
 */
@Component("platformOrderActivities")
public class PlatformOrderActivitiesImpl implements PlatformOrderActivities {

  static final String PAID_EVENT_KEY = "paid";

  private static final Pattern ORDER_ID = Pattern.compile("\\d{1,19}");
  private static final Pattern REFUND_ID = Pattern.compile("(?:bc-)?(\\d{1,19})");

  private static final String REFUND_GONE =
      "Not retrying: the refund was deleted or belongs to another order.";

  private final PlatformAccounts accounts;
  private final BigCommerceOrderClient bigCommerce;

  public PlatformOrderActivitiesImpl(PlatformAccounts accounts, PlatformHttpSettings settings) {
    this.accounts = accounts;
    this.bigCommerce = new BigCommerceOrderClient(new PlatformHttp(settings));
  }

  @Override
  public OrderEvent resolve(OrderEvent event) {
    if (event == null || event.kind() == null) {
      return event;
    }
    return switch (event.kind()) {
      case BIGCOMMERCE_STATUS_CHANGED -> statusChanged(event);
      case BIGCOMMERCE_REFUND_CREATED -> refundCreated(event);
      default -> event;
    };
  }

  private OrderEvent statusChanged(OrderEvent event) {
    PlatformAccount account = account(event, "fetch the status change of order");
    String orderId = event.orderId();
    PlatformCall call = BigCommerceOrderClient.orderCall(account, orderId);
    checkAccount(account, call, event);
    checkOrderId(call, orderId);

    BigCommerceOrderClient.Order order = bigCommerce.order(account, call, orderId);
    // The webhook's new status is what this event reports; the order's current status only
    // stands in when the event has none.
    Integer statusId =
        event.platformStatusId() != null ? event.platformStatusId() : order.statusId();
    if (statusId == null) {
      throw PlatformFailures.unexpected(call, "no status id, and the event had none either");
    }
    BigCommerceOrderStatus status = BigCommerceOrderStatus.of(statusId);
    List<RefundSnapshot> refunds =
        status.withRefunds() ? bigCommerce.refunds(account, call, orderId) : List.of();
    OrderSnapshot snapshot =
        new OrderSnapshot(
            orderId,
            order.customerId(),
            order.currency(),
            bigCommerce.lines(account, call, orderId),
            bigCommerce.couponCodes(account, call, orderId),
            status.financialStatus(statusId),
            status == BigCommerceOrderStatus.CANCELLED,
            refunds,
            order.shippingTotal());
    OrderEventKind kind = status.kind();
    return new OrderEvent(
        event.inboxId(),
        kind,
        kind == OrderEventKind.PAID ? PAID_EVENT_KEY : event.eventKey(),
        event.shopDomain(),
        orderId,
        snapshot,
        null,
        event.platformRefundId(),
        event.platformStatusId());
  }

  private OrderEvent refundCreated(OrderEvent event) {
    PlatformAccount account = account(event, "fetch a refund of order");
    String orderId = event.orderId();
    String given = event.platformRefundId() == null ? "" : event.platformRefundId().strip();
    Matcher number = REFUND_ID.matcher(given);
    String refundId =
        number.matches()
            ? BigCommerceOrderClient.refundId(new BigInteger(number.group(1)).toString())
            : event.platformRefundId();
    PlatformCall call = BigCommerceOrderClient.refundCall(account, orderId, refundId);
    checkAccount(account, call, event);
    checkOrderId(call, orderId);
    if (!number.matches()) {
      throw PlatformFailures.invalid(
          call,
          "the event's refund id '"
              + event.platformRefundId()
              + "' is not a BigCommerce refund id (a number, or bc- and a number)");
    }

    List<RefundSnapshot> refunds = bigCommerce.refunds(account, call, orderId);
    RefundSnapshot refund =
        refunds.stream()
            .filter(candidate -> candidate.refundId().equals(refundId))
            .findFirst()
            .orElseThrow(
                () ->
                    PlatformFailures.rejected(
                        call,
                        String.format(
                            "the order's %d refund(s) do not include refund %s",
                            refunds.size(), refundId),
                        REFUND_GONE));
    return new OrderEvent(
        event.inboxId(),
        OrderEventKind.REFUND_CREATED,
        "refund:" + refundId,
        event.shopDomain(),
        orderId,
        null,
        refund,
        event.platformRefundId(),
        event.platformStatusId());
  }

  private PlatformAccount account(OrderEvent event, String operation) {
    return accounts
        .find(event.shopDomain())
        .orElseThrow(
            () ->
                PlatformFailures.unknownShop(
                    event.shopDomain(), operation + " " + event.orderId()));
  }

  private static void checkAccount(PlatformAccount account, PlatformCall call, OrderEvent event) {
    if (account.platform() != PlatformKind.BIGCOMMERCE) {
      throw PlatformFailures.invalid(
          call,
          String.format(
              "the event is a BigCommerce one (%s) but the shop's platform is %s",
              event.kind(), account.platform() == null ? "not set" : account.platform()));
    }
    if (account.apiBaseUrl() == null) {
      throw PlatformFailures.invalid(call, "the shop's platform account names no API URL");
    }
    if (!account.installed()) {
      throw PlatformFailures.shopUninstalled(call);
    }
    if (account.accessToken() == null || account.accessToken().isBlank()) {
      throw PlatformFailures.missingCredentials(call);
    }
  }

  private static void checkOrderId(PlatformCall call, String orderId) {
    if (orderId == null || !ORDER_ID.matcher(orderId).matches()) {
      throw PlatformFailures.invalid(
          call, "the event's order id '" + orderId + "' is not a BigCommerce order id (a number)");
    }
  }
}
