package io.pointsaga.starter.settings;

import io.pointsaga.earning.EarningRules;
import io.pointsaga.earning.EarningRules.PlaceOrderRule;
import io.pointsaga.shop.Shop;
import io.pointsaga.starter.web.ApiException;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The "Place an order" earning rule (SPEC §3): points per unit of currency of effective spend.
 * Orders keep the rate they were awarded at; changing or deleting the rule affects later orders,
 * and refunds only under {@code clawbackRate} CURRENT_RULE.
 */
@RestController
@RequestMapping("/api/v1/shops/{shop}/earning-rules/place-order")
class PlaceOrderRuleController {
  static final int MAX_DECIMALS = 4; // the column is numeric(12, 4)
  static final BigDecimal RATE_LIMIT = new BigDecimal("10000"); // exclusive

  private final EarningRules rules;

  PlaceOrderRuleController(EarningRules rules) {
    this.rules = rules;
  }

  @GetMapping
  RuleView get(Shop shop) {
    return rules.placeOrderRule(shop.id()).map(RuleView::of).orElseThrow(() -> noRule(shop));
  }

  /** Creates or replaces the rule; {@code enabled} defaults to true. */
  @PutMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  RuleView put(Shop shop, @RequestBody RuleRequest request) {
    BigDecimal rate = request.pointsPerUnit();
    String allowed =
        "from 0 to less than %s, with at most %d decimals".formatted(RATE_LIMIT, MAX_DECIMALS);
    if (rate == null) {
      throw ApiException.badRequest(
          "'pointsPerUnit' is required: the points earned per 1 unit of currency spent, "
              + allowed);
    }
    if (rate.signum() < 0
        || rate.stripTrailingZeros().scale() > MAX_DECIMALS
        || rate.compareTo(RATE_LIMIT) >= 0) {
      throw ApiException.badRequest(
          "'pointsPerUnit' must be %s; got %s".formatted(allowed, rate.toPlainString()));
    }
    boolean enabled = request.enabled() == null || request.enabled();
    PlaceOrderRule saved =
        rules.putPlaceOrderRule(
            shop.id(), rate.setScale(MAX_DECIMALS, RoundingMode.UNNECESSARY), enabled);
    return RuleView.of(saved);
  }

  @DeleteMapping
  @ResponseStatus(HttpStatus.NO_CONTENT)
  ResponseEntity<Void> delete(Shop shop) {
    if (!rules.delete(shop.id())) {
      throw noRule(shop);
    }
    return ResponseEntity.noContent().build();
  }

  private static ApiException noRule(Shop shop) {
    return ApiException.notFound(
        "Shop "
            + shop.domain()
            + " has no Place-an-order earning rule; PUT one to earn points on orders");
  }

  /**
   * @param pointsPerUnit points per 1 unit of currency of effective spend, from 0 to less than
   *     10000 with at most 4 decimals
   * @param enabled whether orders earn points; defaults to true
   */
  record RuleRequest(
      @Schema(
              requiredMode = Schema.RequiredMode.REQUIRED,
              minimum = "0",
              maximum = "10000",
              exclusiveMaximum = true,
              multipleOf = 0.0001)
          BigDecimal pointsPerUnit,
      Boolean enabled) {}

  record RuleView(String rule, BigDecimal pointsPerUnit, boolean enabled) {
    static RuleView of(PlaceOrderRule rule) {
      return new RuleView("PLACE_ORDER", rule.pointsPerUnit(), rule.enabled());
    }
  }
}
