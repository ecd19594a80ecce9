package io.pointsaga.platform;

import io.pointsaga.order.OrderSnapshot;
import io.pointsaga.order.RefundSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Reads the orders a platform changed since a moment, page by page, for reconciliation (SPEC §10):
 * Shopify through the Admin GraphQL {@code orders} query, BigCommerce through {@code GET
 * /v2/orders?min_date_modified=...} with each order's products, coupons and refunds. Read only, so
 * safe to repeat; failures carry the types of {@link PlatformFailure} (429 and 5xx retryable, a
 * rejected token not).
 */
@Component
public class PlatformOrderChanges {

  private final ShopifyOrderChangesClient shopify;
  private final BigCommerceOrderClient bigCommerce;

  public PlatformOrderChanges(PlatformHttpSettings settings) {
    PlatformHttp http = new PlatformHttp(settings);
    this.shopify = new ShopifyOrderChangesClient(http);
    this.bigCommerce = new BigCommerceOrderClient(http);
  }

  /**
   * @param page null for the first page, else the {@link OrderChangesPage#nextPage()} of the page
   *     before
   */
  public OrderChangesPage read(PlatformAccount account, Instant since, String page) {
    PlatformCall call = ShopifyOrderChangesClient.call(account, since);
    if (!account.installed()) {
      throw PlatformFailures.shopUninstalled(call);
    }
    if (account.apiBaseUrl() == null) {
      throw PlatformFailures.invalid(call, "the shop's platform account names no API URL");
    }
    if (account.accessToken() == null || account.accessToken().isBlank()) {
      throw PlatformFailures.missingCredentials(call);
    }
    if (account.platform() == PlatformKind.BIGCOMMERCE) {
      return bigCommerce(account, call, since, page);
    }
    return shopify.read(account, since, page);
  }

  private OrderChangesPage bigCommerce(
      PlatformAccount account, PlatformCall call, Instant since, String page) {
    int pageNumber = page == null ? 1 : pageNumber(call, page);
    List<BigCommerceOrderClient.Order> orders =
        bigCommerce.changedOrders(account, call, since, pageNumber);
    List<ChangedOrder> changed = new ArrayList<>();
    for (BigCommerceOrderClient.Order order : orders) {
      changed.add(bigCommerceOrder(account, order, since));
    }
    String next =
        orders.size() == BigCommerceOrderClient.CHANGES_PAGE_SIZE
            ? String.valueOf(pageNumber + 1)
            : null;
    return new OrderChangesPage(changed, next);
  }

  private ChangedOrder bigCommerceOrder(
      PlatformAccount account, BigCommerceOrderClient.Order order, Instant since) {
    String orderId = order.orderId();
    PlatformCall call = BigCommerceOrderClient.orderCall(account, orderId);
    int statusId = order.statusId() == null ? 0 : order.statusId();
    BigCommerceOrderStatus status = BigCommerceOrderStatus.of(statusId);
    List<RefundSnapshot> refunds = bigCommerce.refunds(account, call, orderId);
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
    boolean paid =
        switch (status) {
          case PAID, REFUNDED, PARTIALLY_REFUNDED -> true;
          case CANCELLED -> !refunds.isEmpty(); // money came back, so it had been taken
          case OTHER -> false;
        };
    Instant modified = BigCommerceOrderClient.modifiedAt(order);
    return new ChangedOrder(snapshot, modified == null ? since : modified, paid, statusId);
  }

  private static int pageNumber(PlatformCall call, String page) {
    try {
      int number = Integer.parseInt(page);
      if (number >= 1 && number <= 100_000) {
        return number;
      }
    } catch (NumberFormatException notANumber) {
      // below
    }
    throw PlatformFailures.invalid(call, "'" + page + "' is not a BigCommerce page number");
  }
}
