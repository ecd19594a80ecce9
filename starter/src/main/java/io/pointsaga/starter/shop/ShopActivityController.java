package io.pointsaga.starter.shop;

import io.pointsaga.ledger.Activity;
import io.pointsaga.ledger.ActivityItem;
import io.pointsaga.ledger.FeedCursor;
import io.pointsaga.ledger.FeedPage;
import io.pointsaga.shop.Shop;
import io.pointsaga.starter.web.FeedCursors;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The shop's activity section: every entry and note of every customer, newest first, paged. */
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
          int limit,
      @Parameter(description = "The nextBefore of the previous page; absent for the newest page")
          @RequestParam(required = false)
          String before) {
    FeedPage page = activity.shopFeed(shop.id(), limit, FeedCursors.before(before));
    return new ShopActivityView(
        shop.domain(), page.entries(), page.next().map(FeedCursor::token).orElse(null));
  }

  /**
   * A page of the shop's activity; {@code nextBefore} (null on the last page) asks for the next.
   */
  record ShopActivityView(String shop, List<ActivityItem> entries, String nextBefore) {}
}
