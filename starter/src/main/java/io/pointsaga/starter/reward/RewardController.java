package io.pointsaga.starter.reward;

import io.pointsaga.reward.Reward;
import io.pointsaga.reward.Rewards;
import io.pointsaga.shop.Shop;
import io.pointsaga.starter.web.ApiException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Reward definitions: a fixed amount off for a number of points. */
@RestController
@RequestMapping("/api/v1/shops/{shop}/rewards")
class RewardController {
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
  ResponseEntity<RewardView> create(Shop shop, @RequestBody RewardRequest request) {
    if (request.name() == null || request.name().isBlank() || request.name().length() > 200) {
      throw ApiException.badRequest("'name' is required (at most 200 characters)");
    }
    if (request.pointsCost() == null || request.pointsCost() <= 0) {
      throw ApiException.badRequest("'pointsCost' must be a positive whole number of points");
    }
    BigDecimal amount = request.discountAmount();
    if (amount == null
        || amount.signum() <= 0
        || amount.scale() > 2
        || amount.compareTo(new BigDecimal("1000000")) >= 0) {
      throw ApiException.badRequest(
          "'discountAmount' must be a positive amount of currency with at most 2 decimals");
    }
    Reward reward =
        rewards.create(
            shop.id(),
            request.name().trim(),
            request.pointsCost(),
            amount.setScale(2, RoundingMode.UNNECESSARY));
    return ResponseEntity.status(HttpStatus.CREATED).body(RewardView.of(reward));
  }

  @DeleteMapping("/{rewardId}")
  ResponseEntity<Void> delete(Shop shop, @PathVariable long rewardId) {
    if (!rewards.delete(shop.id(), rewardId)) {
      throw ApiException.notFound("Reward " + rewardId + " not found");
    }
    return ResponseEntity.noContent().build();
  }

  record RewardRequest(String name, Long pointsCost, BigDecimal discountAmount) {}

  record RewardView(long rewardId, String name, long pointsCost, BigDecimal discountAmount) {
    static RewardView of(Reward r) {
      return new RewardView(r.id(), r.name(), r.pointsCost(), r.discountAmount());
    }
  }
}
