package io.pointsaga.starter.shop;

import io.pointsaga.ledger.Activity;
import io.pointsaga.ledger.ActivityItem;
import io.pointsaga.shop.Shop;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The shop's activity section: every entry and note of every customer, newest first. */
@RestController
class ShopActivityController {
  private final Activity activity;

  ShopActivityController(Activity activity) {
    this.activity = activity;
  }

  @GetMapping("/api/v1/shops/{shop}/activity")
  ShopActivityView activity(
      Shop shop,
      @RequestParam(defaultValue = "100")
          @Min(value = 1, message = "must be from 1 to 500")
          @Max(value = 500, message = "must be from 1 to 500")
          int limit) {
    return new ShopActivityView(shop.domain(), activity.shopFeed(shop.id(), limit));
  }

  record ShopActivityView(String shop, List<ActivityItem> entries) {}
}
