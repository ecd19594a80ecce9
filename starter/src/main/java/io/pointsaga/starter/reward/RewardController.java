package io.pointsaga.starter.reward;

import io.pointsaga.ledger.LedgerLimits;
import io.pointsaga.reward.Reward;
import io.pointsaga.reward.Rewards;
import io.pointsaga.shop.Shop;
import io.pointsaga.starter.web.ApiException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Reward definitions: a fixed amount off for a number of points. */
@RestController
@RequestMapping("/api/v1/shops/{shop}/rewards")
class RewardController {
  static final long MAX_POINTS_COST = LedgerLimits.MAX_POINTS_PER_REQUEST;

  private final Rewards rewards;

  RewardController(Rewards rewards) {
    this.rewards = rewards;
  }

  @GetMapping
  List<RewardView> list(Shop shop) {
    return rewards.list(shop.id()).stream().map(RewardView::of).toList();
  }

  @GetMapping("/{rewardId}")
  RewardView get(Shop shop, @PathVariable long rewardId) {
    return rewards
        .find(shop.id(), rewardId)
        .filter(Reward::exists)
        .map(RewardView::of)
        .orElseThrow(() -> ApiException.notFound("Reward " + rewardId + " not found"));
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  RewardView create(Shop shop, @Valid @RequestBody RewardRequest request) {
    BigDecimal amount = request.discountAmount();
    int currencyDigits = Currency.getInstance(shop.currency().trim()).getDefaultFractionDigits();
    if (amount.stripTrailingZeros().scale() > currencyDigits) {
      throw ApiException.badRequest(
          "'discountAmount' must have at most %d decimals: the shop's currency %s has no smaller unit"
              .formatted(currencyDigits, shop.currency().trim()));
    }
    Reward reward =
        rewards.create(
            shop.id(),
            request.name().trim(),
            request.pointsCost(),
            amount.setScale(2, RoundingMode.UNNECESSARY));
    return RewardView.of(reward);
  }

  @DeleteMapping("/{rewardId}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  ResponseEntity<Void> delete(Shop shop, @PathVariable long rewardId) {
    if (!rewards.delete(shop.id(), rewardId)) {
      throw ApiException.notFound("Reward " + rewardId + " not found");
    }
    return ResponseEntity.noContent().build();
  }

  /**
   * @param name what the customer gets, e.g. "$5 off"
   * @param pointsCost points a redemption spends
   * @param discountAmount the coupon's fixed amount off, in the shop's currency
   */
  record RewardRequest(
      @NotBlank(message = "is required (at most 200 characters)")
          @Size(min = 1, max = 200, message = "must be at most 200 characters")
          String name,
      @NotNull(message = "is required: a positive whole number of points")
          @Min(value = 1, message = "must be a positive whole number of points")
          @Max(value = MAX_POINTS_COST, message = "must be at most 1000000000 points")
          Long pointsCost,
      @NotNull(message = "is required: a positive amount of currency with at most 2 decimals")
          @DecimalMin(
              value = "0.01",
              message = "must be a positive amount of currency with at most 2 decimals")
          @DecimalMax(
              value = "999999.99",
              message = "must be less than 1000000 with at most 2 decimals")
          @Digits(
              integer = 6,
              fraction = 2,
              message = "must be a positive amount of currency with at most 2 decimals")
          BigDecimal discountAmount) {}

  record RewardView(long rewardId, String name, long pointsCost, BigDecimal discountAmount) {
    static RewardView of(Reward r) {
      return new RewardView(r.id(), r.name(), r.pointsCost(), r.discountAmount());
    }
  }
}
