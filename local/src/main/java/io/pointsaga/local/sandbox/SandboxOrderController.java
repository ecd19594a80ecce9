package io.pointsaga.local.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Orders on a simulated shop (SPEC §10): created paid, refunded and cancelled here, each change
 * delivered after the call answers. A Shopify shop sends its signed webhook ({@code orders/paid},
 * {@code refunds/create}, {@code orders/cancelled}, {@code orders/edited}) to its subscriptions; a
 * BigCommerce store sends {@code store/order/statusUpdated} and {@code store/order/refund/created}
 * to its hooks ({@link BigCommerceOrderEvents}), and its orders' statuses can be changed.
 */
@RestController
class SandboxOrderController {

  private static final int MAX_LINES = 100;
  private static final int MAX_QUANTITY = 10_000;
  private static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000000");

  /** Amounts and ids are taken as JSON numbers or strings, as Shopify's REST API writes them. */
  record NewOrderLine(JsonNode price, Integer quantity) {}

  /** {@code POST /sandbox/shops/{shop}/orders}. */
  record NewOrderRequest(
      JsonNode customerId,
      String currency,
      List<NewOrderLine> lines,
      List<String> discountCodes,
      JsonNode shipping,
      Integer statusId) {}

  record LineItemView(String id, BigDecimal price, int quantity) {}

  record CreatedOrder(String orderId, List<LineItemView> lineItems) {}

  record RefundLineRequest(JsonNode lineItemId, Integer quantity) {}

  /** {@code POST .../orders/{orderId}/refunds}. */
  record NewRefundRequest(List<RefundLineRequest> lines, Boolean shipping) {}

  record CreatedRefund(String refundId) {}

  /** {@code POST .../orders/{orderId}/cancel}; no body: refund what is left, as Shopify does. */
  record CancelRequest(Boolean refund) {}

  /** {@code refundId}: the refund of what was left, null when there was none. */
  record CancelledOrder(String orderId, Instant cancelledAt, String refundId) {}

  /** One line of an edit: the line item and how many units are added or removed. */
  record EditLineRequest(JsonNode lineItemId, Integer quantity) {}

  /** {@code POST .../orders/{orderId}/edits} of a Shopify shop. */
  record NewEditRequest(List<EditLineRequest> removals, List<EditLineRequest> additions) {}

  record CreatedEdit(String editId) {}

  /** {@code POST .../orders/{orderId}/status} of a BigCommerce store. */
  record StatusChangeRequest(Integer statusId) {}

  /** {@code changed}: false when the order had that status already (no webhook then). */
  record StatusChange(String orderId, int previousStatusId, int statusId, boolean changed) {}

  private final SimulatedPlatform platform;
  private final SandboxWebhookSender sender;
  private final BigCommerceOrderEvents bigCommerce;
  private final ShopifyRestPayloads payloads;

  SandboxOrderController(
      SimulatedPlatform platform,
      SandboxWebhookSender sender,
      BigCommerceOrderEvents bigCommerce,
      ObjectMapper json) {
    this.platform = platform;
    this.sender = sender;
    this.bigCommerce = bigCommerce;
    this.payloads = new ShopifyRestPayloads(json);
  }

  @PostMapping("/sandbox/shops/{shop}/orders")
  @ResponseStatus(HttpStatus.CREATED)
  CreatedOrder create(
      @PathVariable("shop") String shopDomain, @RequestBody NewOrderRequest request) {
    SimulatedShop shop = platform.shop(shopDomain);
    String customerId = idText(request.customerId());
    if (customerId == null) {
      throw InvalidSandboxRequestException.invalidField(
          "customerId", "customerId must be a positive whole number, as Shopify's ids are");
    }
    String currency = request.currency() == null ? "USD" : request.currency();
    if (!currency.matches("^[A-Z]{3}$")) {
      throw InvalidSandboxRequestException.invalidField(
          "currency", "currency must be an ISO 4217 code such as USD");
    }
    if (request.lines() == null
        || request.lines().isEmpty()
        || request.lines().size() > MAX_LINES) {
      throw InvalidSandboxRequestException.invalidField(
          "lines", "lines must hold 1 to " + MAX_LINES + " lines {\"price\", \"quantity\"}");
    }
    List<BigDecimal> prices = new ArrayList<>();
    List<Integer> quantities = new ArrayList<>();
    for (NewOrderLine line : request.lines()) {
      BigDecimal price = line == null ? null : amount(line.price());
      if (!isMoney(price)) {
        throw InvalidSandboxRequestException.invalidField(
            "lines", "each line's price must be an amount of at least 0 with at most 2 decimals");
      }
      if (line.quantity() == null || line.quantity() < 1 || line.quantity() > MAX_QUANTITY) {
        throw InvalidSandboxRequestException.invalidField(
            "lines", "each line's quantity must be between 1 and " + MAX_QUANTITY);
      }
      prices.add(price);
      quantities.add(line.quantity());
    }
    List<String> codes = request.discountCodes() == null ? List.of() : request.discountCodes();
    if (codes.stream().anyMatch(code -> code == null || code.isBlank())) {
      throw InvalidSandboxRequestException.invalidField(
          "discountCodes", "discountCodes must be a list of codes");
    }
    BigDecimal shipping =
        request.shipping() == null || request.shipping().isNull()
            ? BigDecimal.ZERO
            : amount(request.shipping());
    if (!isMoney(shipping)) {
      throw InvalidSandboxRequestException.invalidField(
          "shipping", "shipping must be an amount of at least 0 with at most 2 decimals");
    }
    int statusId = initialStatus(shop, request.statusId());
    Instant now = platform.nowForResources();
    SimulatedOrder order =
        shop.placeOrder(
            customerId,
            currency,
            prices,
            quantities,
            codes,
            shipping,
            platform::nextResourceId,
            now);
    if (isBigCommerce(shop)) {
      bigCommerce.placed(shop, order.id(), statusId, now);
    } else {
      sender.deliver(shop, "orders/paid", order.id(), shop.read(order.id(), payloads::order), now);
    }
    return new CreatedOrder(
        String.valueOf(order.id()),
        order.lineItems().stream()
            .map(i -> new LineItemView(String.valueOf(i.id()), i.price(), i.quantity()))
            .toList());
  }

  @PostMapping("/sandbox/shops/{shop}/orders/{orderId}/refunds")
  @ResponseStatus(HttpStatus.CREATED)
  CreatedRefund refund(
      @PathVariable("shop") String shopDomain,
      @PathVariable("orderId") String orderId,
      @RequestBody NewRefundRequest request) {
    SimulatedShop shop = platform.shop(shopDomain);
    long order = orderId(shopDomain, orderId);
    List<SimulatedOrder.RefundRequestLine> lines = new ArrayList<>();
    for (RefundLineRequest line :
        request.lines() == null ? List.<RefundLineRequest>of() : request.lines()) {
      String lineItemId = line == null ? null : idText(line.lineItemId());
      if (lineItemId == null) {
        throw InvalidSandboxRequestException.invalidField(
            "lines", "each line needs the lineItemId the order's answer gave");
      }
      if (line.quantity() == null || line.quantity() < 1) {
        throw InvalidSandboxRequestException.invalidField(
            "lines", "each line's quantity must be at least 1");
      }
      lines.add(new SimulatedOrder.RefundRequestLine(Long.parseLong(lineItemId), line.quantity()));
    }
    Instant now = platform.nowForResources();
    SimulatedOrder.Refund refund =
        shop.refund(
            order, lines, Boolean.TRUE.equals(request.shipping()), platform::nextResourceId, now);
    if (isBigCommerce(shop)) {
      bigCommerce.refunded(shop, order, refund, now);
    } else {
      String currency = shop.read(order, SimulatedOrder::currency);
      sender.deliver(shop, "refunds/create", order, payloads.refund(refund, currency), now);
    }
    return new CreatedRefund(String.valueOf(refund.id()));
  }

  @PostMapping("/sandbox/shops/{shop}/orders/{orderId}/cancel")
  CancelledOrder cancel(
      @PathVariable("shop") String shopDomain,
      @PathVariable("orderId") String orderId,
      @RequestBody(required = false) CancelRequest request) {
    SimulatedShop shop = platform.shop(shopDomain);
    long order = orderId(shopDomain, orderId);
    boolean refund = request == null || request.refund() == null || request.refund();
    Instant now = platform.nowForResources();
    Optional<SimulatedOrder.Refund> refunded =
        shop.cancel(order, refund, platform::nextResourceId, now);
    if (isBigCommerce(shop)) {
      bigCommerce.cancelled(shop, order, refunded, now);
    } else {
      String currency = shop.read(order, SimulatedOrder::currency);
      refunded.ifPresent(
          r -> sender.deliver(shop, "refunds/create", order, payloads.refund(r, currency), now));
      sender.deliver(shop, "orders/cancelled", order, shop.read(order, payloads::order), now);
    }
    return new CancelledOrder(
        String.valueOf(order), now, refunded.map(r -> String.valueOf(r.id())).orElse(null));
  }

  /**
   * Edits a Shopify order's line items, as a merchant does before fulfilment, and delivers {@code
   * orders/edited} with Shopify's payload: the lines and unit deltas, no prices. Removals name
   * lines of the order and at most their quantity; additions name lines of the order (more units).
   */
  @PostMapping("/sandbox/shops/{shop}/orders/{orderId}/edits")
  @ResponseStatus(HttpStatus.CREATED)
  CreatedEdit edit(
      @PathVariable("shop") String shopDomain,
      @PathVariable("orderId") String orderId,
      @RequestBody NewEditRequest request) {
    SimulatedShop shop = platform.shop(shopDomain);
    if (isBigCommerce(shop)) {
      throw InvalidSandboxRequestException.invalidField(
          "removals", "order edits are Shopify's: shop " + shopDomain + " is a BigCommerce store");
    }
    long order = orderId(shopDomain, orderId);
    List<SimulatedOrder.LineItem> items = shop.read(order, SimulatedOrder::lineItems);
    List<long[]> removals = editLines(items, request.removals(), "removals", true);
    List<long[]> additions = editLines(items, request.additions(), "additions", false);
    if (removals.isEmpty() && additions.isEmpty()) {
      throw InvalidSandboxRequestException.invalidField(
          "removals", "an edit removes or adds at least one unit");
    }
    Instant now = platform.nowForResources();
    long editId = platform.nextResourceId();
    sender.deliver(
        shop,
        "orders/edited",
        order,
        payloads.orderEdit(editId, order, additions, removals, now),
        now);
    return new CreatedEdit(String.valueOf(editId));
  }

  private static List<long[]> editLines(
      List<SimulatedOrder.LineItem> items,
      List<EditLineRequest> lines,
      String field,
      boolean removal) {
    List<long[]> changes = new ArrayList<>();
    for (EditLineRequest line : lines == null ? List.<EditLineRequest>of() : lines) {
      String lineItemId = line == null ? null : idText(line.lineItemId());
      Optional<SimulatedOrder.LineItem> item =
          items.stream()
              .filter(i -> lineItemId != null && String.valueOf(i.id()).equals(lineItemId))
              .findFirst();
      if (item.isEmpty()) {
        throw InvalidSandboxRequestException.invalidField(
            field, "each line needs a lineItemId of the order (see the order's answer)");
      }
      int max = removal ? item.get().quantity() : MAX_QUANTITY;
      if (line.quantity() == null || line.quantity() < 1 || line.quantity() > max) {
        throw InvalidSandboxRequestException.invalidField(
            field, "each line's quantity must be from 1 to " + max);
      }
      changes.add(new long[] {item.get().id(), line.quantity()});
    }
    return changes;
  }

  /**
   * Moves a BigCommerce order to a status (e.g. 10 Completed, 11 Awaiting Fulfillment), sending
   * {@code store/order/statusUpdated} when it changed; 400 for a Shopify shop.
   */
  @PostMapping("/sandbox/shops/{shop}/orders/{orderId}/status")
  StatusChange status(
      @PathVariable("shop") String shopDomain,
      @PathVariable("orderId") String orderId,
      @RequestBody StatusChangeRequest request) {
    SimulatedShop shop = platform.shop(shopDomain);
    if (!isBigCommerce(shop)) {
      throw InvalidSandboxRequestException.invalidField(
          "statusId",
          "order statuses are BigCommerce's: shop " + shopDomain + " is a Shopify shop");
    }
    long order = orderId(shopDomain, orderId);
    if (request.statusId() == null || !BigCommerceResources.isStatus(request.statusId())) {
      throw InvalidSandboxRequestException.invalidField(
          "statusId", "statusId must be a BigCommerce order status id from 0 to 14");
    }
    int before = shop.bigCommerceState(order).statusId();
    boolean changed =
        bigCommerce.statusChanged(shop, order, request.statusId(), platform.nowForResources());
    return new StatusChange(String.valueOf(order), before, request.statusId(), changed);
  }

  private static boolean isBigCommerce(SimulatedShop shop) {
    return shop.platformKind() == SandboxPlatformKind.BIGCOMMERCE;
  }

  /** A BigCommerce order starts as asked (default 11 Awaiting Fulfillment: paid); Shopify: none. */
  private static int initialStatus(SimulatedShop shop, Integer statusId) {
    if (!isBigCommerce(shop)) {
      if (statusId != null) {
        throw InvalidSandboxRequestException.invalidField(
            "statusId", "statusId is for BigCommerce stores: Shopify orders are created paid");
      }
      return 0;
    }
    if (statusId == null) {
      return BigCommerceOrderEvents.AWAITING_FULFILLMENT;
    }
    if (statusId < 1 || !BigCommerceResources.isStatus(statusId)) {
      throw InvalidSandboxRequestException.invalidField(
          "statusId", "statusId must be a BigCommerce order status id from 1 to 14");
    }
    return statusId;
  }

  /** Sets how the shop delivers its webhooks from now on; answers the policy in force. */
  @PutMapping("/sandbox/shops/{shop}/webhook-delivery")
  WebhookDeliveryPolicy delivery(
      @PathVariable("shop") String shopDomain, @RequestBody DeliveryRequest request) {
    SimulatedShop shop = platform.shop(shopDomain);
    WebhookDeliveryPolicy policy =
        new WebhookDeliveryPolicy(
            request.dropRate() == null ? 0 : request.dropRate(),
            request.duplicateRate() == null ? 0 : request.duplicateRate(),
            request.maxDelayMs() == null ? 0 : request.maxDelayMs(),
            request.seed() == null ? 0 : request.seed());
    shop.deliverWith(policy);
    return policy;
  }

  /** The shop's latest webhook sends, oldest first, so a test or a person can see what went out. */
  @GetMapping("/sandbox/shops/{shop}/webhook-deliveries")
  List<WebhookDeliveryRecord> deliveries(@PathVariable("shop") String shopDomain) {
    return platform.shop(shopDomain).deliveries();
  }

  /** {@code PUT .../webhook-delivery}; a missing field takes its default (all delivered once). */
  record DeliveryRequest(Double dropRate, Double duplicateRate, Long maxDelayMs, Long seed) {}

  private static long orderId(String shopDomain, String orderId) {
    if (!orderId.matches("^[1-9][0-9]{0,18}$")) {
      throw new UnknownOrderException(shopDomain, 0);
    }
    return Long.parseLong(orderId);
  }

  /** A positive whole-number id given as a JSON number or string; null otherwise. */
  private static String idText(JsonNode id) {
    if (id == null || !(id.isTextual() || id.canConvertToLong())) {
      return null;
    }
    String text = id.isTextual() ? id.textValue() : id.asText();
    return text.matches("^[1-9][0-9]{0,18}$") ? text : null;
  }

  /** An amount given as a JSON number or a decimal string; null otherwise. */
  private static BigDecimal amount(JsonNode amount) {
    if (amount == null) {
      return null;
    }
    if (amount.isNumber()) {
      return amount.decimalValue();
    }
    if (amount.isTextual() && amount.textValue().matches("^[0-9]{1,12}(\\.[0-9]{1,2})?$")) {
      return new BigDecimal(amount.textValue());
    }
    return null;
  }

  private static boolean isMoney(BigDecimal amount) {
    return amount != null
        && amount.signum() >= 0
        && amount.compareTo(MAX_AMOUNT) < 0
        && amount.stripTrailingZeros().scale() <= 2;
  }
}
