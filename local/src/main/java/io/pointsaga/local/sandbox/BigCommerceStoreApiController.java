package io.pointsaga.local.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * A simulated BigCommerce store's API, at the paths the product's BigCommerce adapters call under
 * the store's API base ({@code /sandbox/shops/{shop}}, standing for {@code
 * https://api.bigcommerce.com/stores/{hash}}), with header {@code X-Auth-Token}: store information,
 * hooks, coupons, orders with their products, coupons and refunds, and the paged order listing a
 * reconciliation reads. Unknown store: 404; a Shopify shop: 404; wrong token: 401, before anything
 * else happens. Then the next fault queued for the call's operation, if any, fails it before it
 * runs.
 */
@RestController
@RequestMapping("/sandbox/shops/{shop}")
class BigCommerceStoreApiController {

  static final String AUTH_HEADER = "X-Auth-Token";

  /** v2 lists: 50 a page unless asked, at most 250. v3 hooks: the same. */
  static final int DEFAULT_LIMIT = 50;

  static final int MAX_LIMIT = 250;

  /** The scopes the simulated stores accept for hooks. */
  static final Set<String> HOOK_SCOPES =
      Set.of(
          "store/order/*",
          "store/order/created",
          "store/order/updated",
          "store/order/statusUpdated",
          "store/order/refund/created",
          "store/order/archived",
          "store/app/uninstalled");

  /** Headers a hook may not set: the HTTP client sets them itself. */
  private static final Set<String> RESERVED_HEADERS =
      Set.of("content-type", "content-length", "host", "connection", "expect", "upgrade");

  private static final Logger log = LoggerFactory.getLogger(BigCommerceStoreApiController.class);
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final SimulatedPlatform platform;
  private final BigCommerceOrderEvents events;
  private final ObjectMapper objectMapper;
  private final Duration timeoutFaultDelay;

  BigCommerceStoreApiController(
      SimulatedPlatform platform,
      BigCommerceOrderEvents events,
      ObjectMapper objectMapper,
      @Value("${pointsaga.sandbox.timeout-fault-delay:PT5S}") Duration timeoutFaultDelay) {
    this.platform = platform;
    this.events = events;
    this.objectMapper = objectMapper;
    this.timeoutFaultDelay = timeoutFaultDelay;
  }

  // ---- store -----------------------------------------------------------------------------------

  @GetMapping("/v2/store")
  DeferredResult<ResponseEntity<JsonNode>> store(
      @PathVariable("shop") String domain,
      @RequestHeader(name = AUTH_HEADER, required = false) String token,
      HttpServletResponse response)
      throws IOException {
    return call(
        domain,
        token,
        PlatformOperation.READ_SHOP,
        response,
        shop -> BigCommerceReplies.ok(BigCommerceResources.store(shop)));
  }

  // ---- hooks -----------------------------------------------------------------------------------

  @GetMapping("/v3/hooks")
  DeferredResult<ResponseEntity<JsonNode>> hooks(
      @PathVariable("shop") String domain,
      @RequestHeader(name = AUTH_HEADER, required = false) String token,
      @RequestParam(name = "page", required = false) String page,
      @RequestParam(name = "limit", required = false) String limit,
      HttpServletResponse response)
      throws IOException {
    int pageNumber = positive("page", page, 1, Integer.MAX_VALUE);
    int pageSize = positive("limit", limit, DEFAULT_LIMIT, MAX_LIMIT);
    return call(
        domain,
        token,
        PlatformOperation.LIST_WEBHOOK_SUBSCRIPTIONS,
        response,
        shop ->
            BigCommerceReplies.ok(
                BigCommerceResources.page(
                    shop.hooks().stream().map(h -> BigCommerceResources.hook(shop, h)).toList(),
                    pageNumber,
                    pageSize)));
  }

  @PostMapping("/v3/hooks")
  DeferredResult<ResponseEntity<JsonNode>> createHook(
      @PathVariable("shop") String domain,
      @RequestHeader(name = AUTH_HEADER, required = false) String token,
      @RequestBody(required = false) String body,
      HttpServletResponse response)
      throws IOException {
    return call(
        domain,
        token,
        PlatformOperation.CREATE_WEBHOOK_SUBSCRIPTION,
        response,
        shop -> createHook(shop, readObject(body)));
  }

  private ResponseEntity<JsonNode> createHook(SimulatedShop shop, JsonNode hook) {
    String scope = hook.path("scope").textValue();
    if (scope == null || !HOOK_SCOPES.contains(scope)) {
      return BigCommerceReplies.unprocessable(
          "scope",
          "scope must be one of " + String.join(", ", HOOK_SCOPES.stream().sorted().toList()));
    }
    String destination = hook.path("destination").textValue();
    if (!isHttpAddress(destination)) {
      return BigCommerceReplies.unprocessable(
          "destination", "destination must be an http(s) address");
    }
    Optional<Map<String, String>> headers = headers(hook.path("headers"));
    if (headers.isEmpty()) {
      return BigCommerceReplies.unprocessable(
          "headers", "headers must be an object of string values, without HTTP's own headers");
    }
    boolean active = !hook.has("is_active") || hook.path("is_active").asBoolean(true);
    Optional<SimulatedHook> created =
        shop.addHook(
            scope,
            destination,
            headers.get(),
            active,
            platform::nextHookId,
            platform.nowForResources());
    return created
        .map(
            h ->
                BigCommerceReplies.ok(BigCommerceResources.one(BigCommerceResources.hook(shop, h))))
        .orElseGet(
            () ->
                BigCommerceReplies.unprocessable(
                    "destination", "a hook for this scope and destination exists already"));
  }

  @GetMapping("/v3/hooks/{id}")
  DeferredResult<ResponseEntity<JsonNode>> hook(
      @PathVariable("shop") String domain,
      @PathVariable("id") String id,
      @RequestHeader(name = AUTH_HEADER, required = false) String token,
      HttpServletResponse response)
      throws IOException {
    return call(
        domain,
        token,
        null,
        response,
        shop ->
            numericId(id)
                .flatMap(shop::hook)
                .map(
                    h ->
                        BigCommerceReplies.ok(
                            BigCommerceResources.one(BigCommerceResources.hook(shop, h))))
                .orElseGet(BigCommerceStoreApiController::hookNotFound));
  }

  /** Changes what the body names: {@code is_active} (how a deactivated hook comes back), ... */
  @PutMapping("/v3/hooks/{id}")
  DeferredResult<ResponseEntity<JsonNode>> updateHook(
      @PathVariable("shop") String domain,
      @PathVariable("id") String id,
      @RequestHeader(name = AUTH_HEADER, required = false) String token,
      @RequestBody(required = false) String body,
      HttpServletResponse response)
      throws IOException {
    return call(domain, token, null, response, shop -> updateHook(shop, id, readObject(body)));
  }

  private ResponseEntity<JsonNode> updateHook(SimulatedShop shop, String id, JsonNode change) {
    Optional<SimulatedHook> current = numericId(id).flatMap(shop::hook);
    if (current.isEmpty()) {
      return hookNotFound();
    }
    String scope = change.has("scope") ? change.path("scope").textValue() : current.get().scope();
    if (scope == null || !HOOK_SCOPES.contains(scope)) {
      return BigCommerceReplies.unprocessable("scope", "scope is not a known webhook scope");
    }
    String destination =
        change.has("destination")
            ? change.path("destination").textValue()
            : current.get().destination();
    if (!isHttpAddress(destination)) {
      return BigCommerceReplies.unprocessable(
          "destination", "destination must be an http(s) address");
    }
    Optional<Map<String, String>> headers =
        change.has("headers")
            ? headers(change.path("headers"))
            : Optional.of(current.get().headers());
    if (headers.isEmpty()) {
      return BigCommerceReplies.unprocessable(
          "headers", "headers must be an object of string values, without HTTP's own headers");
    }
    boolean active =
        change.has("is_active") ? change.path("is_active").asBoolean() : current.get().active();
    Instant now = platform.nowForResources();
    return shop.changeHook(
            current.get().id(), h -> h.changed(scope, destination, headers.get(), active, now))
        .map(
            h ->
                BigCommerceReplies.ok(BigCommerceResources.one(BigCommerceResources.hook(shop, h))))
        .orElseGet(BigCommerceStoreApiController::hookNotFound);
  }

  @DeleteMapping("/v3/hooks/{id}")
  DeferredResult<ResponseEntity<JsonNode>> deleteHook(
      @PathVariable("shop") String domain,
      @PathVariable("id") String id,
      @RequestHeader(name = AUTH_HEADER, required = false) String token,
      HttpServletResponse response)
      throws IOException {
    return call(
        domain,
        token,
        null,
        response,
        shop ->
            numericId(id)
                .flatMap(shop::removeHook)
                .map(
                    h ->
                        BigCommerceReplies.ok(
                            BigCommerceResources.one(BigCommerceResources.hook(shop, h))))
                .orElseGet(BigCommerceStoreApiController::hookNotFound));
  }

  // ---- coupons ---------------------------------------------------------------------------------

  @GetMapping("/v2/coupons")
  DeferredResult<ResponseEntity<JsonNode>> coupons(
      @PathVariable("shop") String domain,
      @RequestHeader(name = AUTH_HEADER, required = false) String token,
      @RequestParam(name = "code", required = false) String code,
      @RequestParam(name = "page", required = false) String page,
      @RequestParam(name = "limit", required = false) String limit,
      HttpServletResponse response)
      throws IOException {
    int pageNumber = positive("page", page, 1, Integer.MAX_VALUE);
    int pageSize = positive("limit", limit, DEFAULT_LIMIT, MAX_LIMIT);
    return call(
        domain,
        token,
        PlatformOperation.LOOKUP_DISCOUNT_CODE,
        response,
        shop -> {
          List<SimulatedDiscountCode> found =
              code == null
                  ? shop.discountCodes().stream()
                      .filter(SimulatedDiscountCode::isVisibleToApi)
                      .toList()
                  : shop.lookUpByCode(code).stream().toList();
          ArrayNode coupons = JSON.arrayNode();
          v2Page(found, pageNumber, pageSize)
              .forEach(c -> coupons.add(BigCommerceResources.coupon(c)));
          return BigCommerceReplies.list(coupons);
        });
  }

  @PostMapping("/v2/coupons")
  DeferredResult<ResponseEntity<JsonNode>> createCoupon(
      @PathVariable("shop") String domain,
      @RequestHeader(name = AUTH_HEADER, required = false) String token,
      @RequestBody(required = false) String body,
      HttpServletResponse response)
      throws IOException {
    return call(
        domain,
        token,
        PlatformOperation.CREATE_DISCOUNT_CODE,
        response,
        shop -> createCoupon(shop, readObject(body)));
  }

  private ResponseEntity<JsonNode> createCoupon(SimulatedShop shop, JsonNode coupon) {
    for (String field : List.of("name", "code", "type", "amount")) {
      JsonNode value = coupon.path(field);
      if (!(value.isTextual() && !value.textValue().isBlank()) && !value.isNumber()) {
        return BigCommerceReplies.v2Error(
            HttpStatus.BAD_REQUEST, "The required field '" + field + "' was not supplied.");
      }
    }
    if (!"per_total_discount".equals(coupon.path("type").asText())) {
      return BigCommerceReplies.v2Error(
          HttpStatus.BAD_REQUEST,
          "The field 'type' is invalid: the sandbox simulates per_total_discount coupons only.");
    }
    Optional<BigDecimal> amount = positiveAmount(coupon.path("amount"));
    if (amount.isEmpty()) {
      return BigCommerceReplies.v2Error(
          HttpStatus.BAD_REQUEST, "The field 'amount' must be a number greater than 0.");
    }
    Optional<SimulatedDiscountCode> created =
        platform.createCoupon(
            shop, coupon.path("code").asText(), coupon.path("name").asText(), amount.get());
    if (created.isEmpty()) {
      return BigCommerceReplies.v2Error(
          HttpStatus.CONFLICT,
          "The coupon code '" + coupon.path("code").asText() + "' is already in use.");
    }
    SimulatedDiscountCode result = created.get();
    if (coupon.has("enabled") && !coupon.path("enabled").asBoolean(true)) {
      result = shop.deactivate(result.platformDiscountId()).orElse(result);
    }
    return BigCommerceReplies.created(BigCommerceResources.coupon(result));
  }

  /** {@code enabled: false} disables the coupon, {@code true} enables it again. */
  @PutMapping("/v2/coupons/{id}")
  DeferredResult<ResponseEntity<JsonNode>> updateCoupon(
      @PathVariable("shop") String domain,
      @PathVariable("id") String id,
      @RequestHeader(name = AUTH_HEADER, required = false) String token,
      @RequestBody(required = false) String body,
      HttpServletResponse response)
      throws IOException {
    return call(
        domain,
        token,
        PlatformOperation.REVOKE_DISCOUNT_CODE,
        response,
        shop -> {
          JsonNode change = readObject(body);
          JsonNode enabled = change.path("enabled");
          if (!enabled.isMissingNode() && !enabled.isBoolean()) {
            return BigCommerceReplies.v2Error(
                HttpStatus.BAD_REQUEST, "The field 'enabled' must be true or false.");
          }
          Optional<SimulatedDiscountCode> coupon =
              enabled.isMissingNode()
                  ? shop.discountCodes().stream()
                      .filter(c -> c.platformDiscountId().equals(id) && c.isVisibleToApi())
                      .findFirst()
                  : enabled.booleanValue() ? shop.reactivate(id) : shop.deactivate(id);
          return coupon
              .map(c -> BigCommerceReplies.ok(BigCommerceResources.coupon(c)))
              .orElseGet(BigCommerceStoreApiController::v2NotFound);
        });
  }

  /** Deletes the coupon: BigCommerce forgets it (the sandbox's control shows it DELETED). */
  @DeleteMapping("/v2/coupons/{id}")
  DeferredResult<ResponseEntity<JsonNode>> deleteCoupon(
      @PathVariable("shop") String domain,
      @PathVariable("id") String id,
      @RequestHeader(name = AUTH_HEADER, required = false) String token,
      HttpServletResponse response)
      throws IOException {
    return call(
        domain,
        token,
        PlatformOperation.REVOKE_DISCOUNT_CODE,
        response,
        shop ->
            shop.delete(id)
                .map(c -> BigCommerceReplies.noContent())
                .orElseGet(BigCommerceStoreApiController::v2NotFound));
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
    return call(
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
    return call(
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
    return call(
        domain,
        token,
        null,
        response,
        shop ->
            withOrder(
                shop,
                orderId,
                id -> {
                  JsonNode status = readObject(body).path("status_id");
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
    return call(
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
    return call(
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
    return call(
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

  // ---- the call: store, token, fault, then the work --------------------------------------------

  private DeferredResult<ResponseEntity<JsonNode>> call(
      String domain,
      String token,
      PlatformOperation operation,
      HttpServletResponse response,
      Function<SimulatedShop, ResponseEntity<JsonNode>> work)
      throws IOException {
    SimulatedShop shop = platform.shop(domain);
    if (shop.platformKind() != SandboxPlatformKind.BIGCOMMERCE) {
      return DeferredAnswers.now(
          BigCommerceReplies.v3Error(
              HttpStatus.NOT_FOUND, "Shop " + domain + " is not a BigCommerce store"));
    }
    if (!shop.acceptsAccessToken(token)) {
      return DeferredAnswers.now(BigCommerceReplies.unauthorized());
    }
    if (operation != null) {
      Optional<PendingFault> fault = shop.receiveCall(operation);
      if (fault.isPresent()) {
        log.info(
            "Simulated platform: injected {} fails {} of BigCommerce store {}",
            fault.get().kind(),
            operation.wireName(),
            shop.domain());
        return failWith(fault.get(), response);
      }
    }
    return DeferredAnswers.now(work.apply(shop));
  }

  private DeferredResult<ResponseEntity<JsonNode>> failWith(
      PendingFault fault, HttpServletResponse response) throws IOException {
    return switch (fault.kind()) {
      case HTTP_500 -> DeferredAnswers.now(BigCommerceReplies.internalServerError());
      // BigCommerce has one rate limit: THROTTLED looks the same as HTTP_429 there.
      case HTTP_429, THROTTLED ->
          DeferredAnswers.now(
              BigCommerceReplies.tooManyRequests(
                  fault.retryAfterSeconds() == null
                      ? FaultInjectionRequest.DEFAULT_RETRY_AFTER_SECONDS
                      : fault.retryAfterSeconds()));
      case TIMEOUT -> DeferredAnswers.after(timeoutFaultDelay, BigCommerceReplies.gatewayTimeout());
      case RESET -> DeferredAnswers.reset(response);
    };
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

  private JsonNode readObject(String body) {
    if (body == null || body.isBlank()) {
      return JSON.objectNode();
    }
    try {
      JsonNode node = objectMapper.readTree(body);
      if (!node.isObject()) {
        throw InvalidSandboxRequestException.invalidRequest(
            "The request body must be a JSON object");
      }
      return node;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw InvalidSandboxRequestException.malformedJson(e.getOriginalMessage());
    }
  }

  private static Optional<Map<String, String>> headers(JsonNode headers) {
    if (headers.isMissingNode() || headers.isNull()) {
      return Optional.of(Map.of());
    }
    if (!headers.isObject()) {
      return Optional.empty();
    }
    Map<String, String> result = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> header : headers.properties()) {
      String name = header.getKey();
      if (!header.getValue().isTextual()
          || !name.matches("^[A-Za-z0-9-]{1,100}$")
          || RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
        return Optional.empty();
      }
      result.put(name, header.getValue().textValue());
    }
    return Optional.of(result);
  }

  private static boolean isHttpAddress(String address) {
    return address != null && address.matches("^https?://[^\\s/?#]+(/[^\\s]*)?$");
  }

  private static Optional<Long> numericId(String id) {
    return id != null && id.matches("^[1-9][0-9]{0,17}$")
        ? Optional.of(Long.parseLong(id))
        : Optional.empty();
  }

  private static Optional<BigDecimal> positiveAmount(JsonNode amount) {
    try {
      BigDecimal value = new BigDecimal(amount.asText().strip());
      return value.signum() > 0 && value.scale() <= 4 && value.precision() - value.scale() <= 12
          ? Optional.of(value)
          : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** A whole number query parameter within bounds, or 400 naming it; absent: the default. */
  private static int positive(String name, String value, int absent, int max) {
    if (value == null) {
      return absent;
    }
    if (!value.matches("^[0-9]{1,9}$")
        || Integer.parseInt(value) > max
        || Integer.parseInt(value) < Math.min(absent, 1)) {
      throw InvalidSandboxRequestException.invalidField(
          name, name + " must be a whole number from " + Math.min(absent, 1) + " to " + max);
    }
    return Integer.parseInt(value);
  }

  private static <T> List<T> v2Page(List<T> all, int page, int limit) {
    long from = Math.min(all.size(), (long) (page - 1) * limit);
    return all.subList((int) from, (int) Math.min(all.size(), from + limit));
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

  private static ResponseEntity<JsonNode> hookNotFound() {
    return BigCommerceReplies.v3Error(HttpStatus.NOT_FOUND, "Hook not found");
  }

  private static ResponseEntity<JsonNode> v2NotFound() {
    return BigCommerceReplies.v2Error(
        HttpStatus.NOT_FOUND, "The requested resource was not found.");
  }
}
