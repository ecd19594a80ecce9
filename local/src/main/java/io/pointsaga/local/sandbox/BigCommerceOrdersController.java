package io.pointsaga.local.sandbox;

import static io.pointsaga.local.sandbox.BigCommerceApiGate.AUTH_HEADER;
import static io.pointsaga.local.sandbox.BigCommerceQuery.DEFAULT_LIMIT;
import static io.pointsaga.local.sandbox.BigCommerceQuery.MAX_LIMIT;
import static io.pointsaga.local.sandbox.BigCommerceQuery.numericId;
import static io.pointsaga.local.sandbox.BigCommerceQuery.positive;
import static io.pointsaga.local.sandbox.BigCommerceQuery.v2NotFound;
import static io.pointsaga.local.sandbox.BigCommerceQuery.v2Page;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * A simulated BigCommerce store's orders as the product reads them: the order, its products and
 * coupons (v2), its refunds (v3 payment actions), the paged listing of the orders changed in a
 * window that a reconciliation reads, and {@code PUT /v2/orders/{id}} to move an order's status.
 */
@RestController
@RequestMapping("/sandbox/shops/{shop}")
class BigCommerceOrdersController {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final SimulatedPlatform platform;
  private final BigCommerceOrderEvents events;
  private final BigCommerceApiGate gate;

  BigCommerceOrdersController(
      SimulatedPlatform platform, BigCommerceOrderEvents events, BigCommerceApiGate gate) {
    this.platform = platform;
    this.events = events;
    this.gate = gate;
  }

  // ---- orders ----------------------------------------------------------------------------------

  /**
   * The orders changed in a window, paged: {@code min_date_modified} / {@code max_date_modified}
   * (RFC 2822 or ISO 8601, inclusive), {@code status_id}, {@code sort} ({@code id:asc} by default,
   * {@code date_modified:asc|desc}, {@code id:desc}); 204 when the page is empty.
   */
  @GetMapping("/v2/orders")
  DeferredResult<ResponseEntity<JsonNode>> orders(
      @PathVariable("shop") String domain,
      @RequestHeader(name = AUTH_HEADER, required = false) String token,
      @RequestParam(name = "min_date_modified", required = false) String minModified,
      @RequestParam(name = "max_date_modified", required = false) String maxModified,
      @RequestParam(name = "status_id", required = false) String statusId,
      @RequestParam(name = "sort", required = false) String sort,
      @RequestParam(name = "page", required = false) String page,
      @RequestParam(name = "limit", required = false) String limit,
      HttpServletResponse response)
      throws IOException {
    Optional<Instant> from = BigCommerceDates.parse("min_date_modified", minModified);
    Optional<Instant> to = BigCommerceDates.parse("max_date_modified", maxModified);
    Integer status = statusId == null ? null : positive("status_id", statusId, 0, 99);
    Comparator<ObjectNode> order = sortOrder(sort);
    int pageNumber = positive("page", page, 1, Integer.MAX_VALUE);
    int pageSize = positive("limit", limit, DEFAULT_LIMIT, MAX_LIMIT);
    return gate.call(
        domain,
        token,
        PlatformOperation.LIST_ORDERS,
        response,
        shop -> {
          List<OrderRow> rows =
              shop.readOrders(o -> new OrderRow(o.id(), o)).stream()
                  .map(r -> r.withState(shop.bigCommerceState(r.id())))
                  .filter(r -> from.map(f -> !r.modifiedSecond().isBefore(f)).orElse(true))
                  .filter(r -> to.map(t -> !r.modifiedSecond().isAfter(t)).orElse(true))
                  .filter(r -> status == null || r.state().statusId() == status)
                  .toList();
          List<ObjectNode> all = new ArrayList<>();
          for (OrderRow row : rows) {
            all.add(shop.read(row.id(), o -> BigCommerceResources.order(o, row.state())));
          }
          all.sort(order);
          ArrayNode page1 = JSON.arrayNode();
          v2Page(all, pageNumber, pageSize).forEach(page1::add);
          return BigCommerceReplies.list(page1);
        });
  }

  private record OrderRow(long id, SimulatedOrder order, BigCommerceOrderState state) {
    OrderRow(long id, SimulatedOrder order) {
      this(id, order, null);
    }

    OrderRow withState(BigCommerceOrderState newState) {
      return new OrderRow(id, order, newState);
    }

    /** BigCommerce's dates have whole seconds: the window is compared at that precision. */
    Instant modifiedSecond() {
      return state.modifiedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }
  }

  @GetMapping("/v2/orders/{orderId}")
  DeferredResult<ResponseEntity<JsonNode>> order(
      @PathVariable("shop") String domain,
      @PathVariable("orderId") String orderId,
      @RequestHeader(name = AUTH_HEADER, required = false) String token,
      HttpServletResponse response)
      throws IOException {
    return gate.call(
        domain,
        token,
        PlatformOperation.READ_ORDER,
        response,
        shop ->
            withOrder(
                shop,
                orderId,
                id -> {
                  BigCommerceOrderState state = shop.bigCommerceState(id);
                  return BigCommerceReplies.ok(
                      shop.read(id, o -> BigCommerceResources.order(o, state)));
                }));
  }

  /**
   * {@code {"status_id": N}} moves the order to that status, as the control panel does, and sends
   * {@code store/order/statusUpdated} when it changed.
   */
  @PutMapping("/v2/orders/{orderId}")
  DeferredResult<ResponseEntity<JsonNode>> updateOrder(
      @PathVariable("shop") String domain,
      @PathVariable("orderId") String orderId,
      @RequestHeader(name = AUTH_HEADER, required = false) String token,
      @RequestBody(required = false) String body,
      HttpServletResponse response)
      throws IOException {
    return gate.call(
        domain,
        token,
        null,
        response,
        shop ->
            withOrder(
                shop,
                orderId,
                id -> {
                  JsonNode status = gate.readObject(body).path("status_id");
                  if (!status.canConvertToInt()
                      || !BigCommerceResources.isStatus(status.intValue())) {
                    return BigCommerceReplies.v2Error(
                        HttpStatus.BAD_REQUEST,
                        "The field 'status_id' must be a status id from 0 to 14.");
                  }
                  events.statusChanged(shop, id, status.intValue(), platform.nowForResources());
                  BigCommerceOrderState state = shop.bigCommerceState(id);
                  return BigCommerceReplies.ok(
                      shop.read(id, o -> BigCommerceResources.order(o, state)));
                }));
  }

  @GetMapping("/v2/orders/{orderId}/products")
  DeferredResult<ResponseEntity<JsonNode>> products(
      @PathVariable("shop") String domain,
      @PathVariable("orderId") String orderId,
      @RequestHeader(name = AUTH_HEADER, required = false) String token,
      @RequestParam(name = "page", required = false) String page,
      @RequestParam(name = "limit", required = false) String limit,
      HttpServletResponse response)
      throws IOException {
    int pageNumber = positive("page", page, 1, Integer.MAX_VALUE);
    int pageSize = positive("limit", limit, DEFAULT_LIMIT, MAX_LIMIT);
    return gate.call(
        domain,
        token,
        PlatformOperation.READ_ORDER,
        response,
        shop ->
            withOrder(
                shop,
                orderId,
                id -> {
                  List<JsonNode> all = new ArrayList<>();
                  shop.read(id, BigCommerceResources::products).forEach(all::add);
                  ArrayNode products = JSON.arrayNode();
                  v2Page(all, pageNumber, pageSize).forEach(products::add);
                  return BigCommerceReplies.list(products);
                }));
  }

  @GetMapping("/v2/orders/{orderId}/coupons")
  DeferredResult<ResponseEntity<JsonNode>> orderCoupons(
      @PathVariable("shop") String domain,
      @PathVariable("orderId") String orderId,
      @RequestHeader(name = AUTH_HEADER, required = false) String token,
      @RequestParam(name = "page", required = false) String page,
      @RequestParam(name = "limit", required = false) String limit,
      HttpServletResponse response)
      throws IOException {
    int pageNumber = positive("page", page, 1, Integer.MAX_VALUE);
    int pageSize = positive("limit", limit, DEFAULT_LIMIT, MAX_LIMIT);
    return gate.call(
        domain,
        token,
        PlatformOperation.READ_ORDER,
        response,
        shop ->
            withOrder(
                shop,
                orderId,
                id -> {
                  Map<String, SimulatedDiscountCode> codes = new LinkedHashMap<>();
                  shop.discountCodes().forEach(c -> codes.put(c.code(), c));
                  List<JsonNode> all = new ArrayList<>();
                  shop.read(id, o -> BigCommerceResources.orderCoupons(o, codes)).forEach(all::add);
                  ArrayNode coupons = JSON.arrayNode();
                  v2Page(all, pageNumber, pageSize).forEach(coupons::add);
                  return BigCommerceReplies.list(coupons);
                }));
  }

  @GetMapping("/v3/orders/{orderId}/payment_actions/refunds")
  DeferredResult<ResponseEntity<JsonNode>> refunds(
      @PathVariable("shop") String domain,
      @PathVariable("orderId") String orderId,
      @RequestHeader(name = AUTH_HEADER, required = false) String token,
      HttpServletResponse response)
      throws IOException {
    return gate.call(
        domain,
        token,
        PlatformOperation.READ_REFUNDS,
        response,
        shop ->
            withOrder(
                shop,
                orderId,
                id -> BigCommerceReplies.ok(shop.read(id, BigCommerceResources::refunds))));
  }

  private static ResponseEntity<JsonNode> withOrder(
      SimulatedShop shop, String orderId, Function<Long, ResponseEntity<JsonNode>> work) {
    Optional<Long> id = numericId(orderId);
    if (id.isEmpty()) {
      return v2NotFound();
    }
    try {
      shop.bigCommerceState(id.get());
    } catch (UnknownOrderException e) {
      return v2NotFound();
    }
    return work.apply(id.get());
  }

  private static Comparator<ObjectNode> sortOrder(String sort) {
    Comparator<ObjectNode> byId = Comparator.comparingLong(o -> o.path("id").asLong());
    Comparator<ObjectNode> byModified =
        Comparator.comparing(
                (ObjectNode o) -> BigCommerceDates.parseRfc2822(o.path("date_modified").asText()))
            .thenComparing(byId);
    if (sort == null || sort.equals("id:asc") || sort.equals("id")) {
      return byId;
    }
    return switch (sort) {
      case "id:desc" -> byId.reversed();
      case "date_modified", "date_modified:asc" -> byModified;
      case "date_modified:desc" -> byModified.reversed();
      default ->
          throw InvalidSandboxRequestException.invalidField(
              "sort", "sort must be id:asc, id:desc, date_modified:asc or date_modified:desc");
    };
  }
}
