package io.pointsaga.local.sandbox;

import static io.pointsaga.local.sandbox.BigCommerceApiGate.AUTH_HEADER;
import static io.pointsaga.local.sandbox.BigCommerceQuery.DEFAULT_LIMIT;
import static io.pointsaga.local.sandbox.BigCommerceQuery.MAX_LIMIT;
import static io.pointsaga.local.sandbox.BigCommerceQuery.positive;
import static io.pointsaga.local.sandbox.BigCommerceQuery.v2Page;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
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
 * A simulated BigCommerce store's v2 coupons: created, found by code, disabled or enabled, deleted
 * (the API then forgets them; the sandbox's discount-code control shows them DELETED).
 */
@RestController
@RequestMapping("/sandbox/shops/{shop}")
class BigCommerceCouponsController {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final SimulatedPlatform platform;
  private final BigCommerceApiGate gate;

  BigCommerceCouponsController(SimulatedPlatform platform, BigCommerceApiGate gate) {
    this.platform = platform;
    this.gate = gate;
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
    return gate.call(
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
    return gate.call(
        domain,
        token,
        PlatformOperation.CREATE_DISCOUNT_CODE,
        response,
        shop -> createCoupon(shop, gate.readObject(body)));
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
    return gate.call(
        domain,
        token,
        PlatformOperation.REVOKE_DISCOUNT_CODE,
        response,
        shop -> {
          JsonNode change = gate.readObject(body);
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
              .orElseGet(BigCommerceQuery::v2NotFound);
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
    return gate.call(
        domain,
        token,
        PlatformOperation.REVOKE_DISCOUNT_CODE,
        response,
        shop ->
            shop.delete(id)
                .map(c -> BigCommerceReplies.noContent())
                .orElseGet(BigCommerceQuery::v2NotFound));
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
}
