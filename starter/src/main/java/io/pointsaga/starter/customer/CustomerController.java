package io.pointsaga.starter.customer;

import io.pointsaga.ledger.Activity;
import io.pointsaga.ledger.ActivityItem;
import io.pointsaga.ledger.BalanceRule;
import io.pointsaga.ledger.CustomerAccount;
import io.pointsaga.ledger.EntryKind;
import io.pointsaga.ledger.InsufficientPointsException;
import io.pointsaga.ledger.Ledger;
import io.pointsaga.ledger.LedgerEntry;
import io.pointsaga.ledger.Posting;
import io.pointsaga.ledger.PostingResult;
import io.pointsaga.redemption.Redemption;
import io.pointsaga.redemption.Redemptions;
import io.pointsaga.shop.Shop;
import io.pointsaga.starter.web.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A customer's profile, activity and manual adjustments (SPEC §5). */
@RestController
@RequestMapping("/api/v1/shops/{shop}/customers/{customerId}")
class CustomerController {
  static final int MAX_NOTE_LENGTH = 500;

  private final Ledger ledger;
  private final Activity activity;
  private final Redemptions redemptions;
  private final Clock clock;
  private final Duration pointsLifetime;

  CustomerController(
      Ledger ledger,
      Activity activity,
      Redemptions redemptions,
      Clock clock,
      @Value("${pointsaga.ledger.points-lifetime:P365D}") Duration pointsLifetime) {
    this.ledger = ledger;
    this.activity = activity;
    this.redemptions = redemptions;
    this.clock = clock;
    this.pointsLifetime = pointsLifetime;
  }

  @GetMapping
  CustomerView customer(Shop shop, @PathVariable String customerId) {
    CustomerAccount account = account(shop, customerId);
    List<RedemptionSummary> redeemed =
        redemptions.ofCustomer(shop.id(), customerId).stream().map(RedemptionSummary::of).toList();
    return new CustomerView(
        account.customerId(),
        account.pointsBalance(),
        account.vipTier(),
        account.createdAt(),
        redeemed);
  }

  @GetMapping("/activity")
  ActivityView activity(
      Shop shop, @PathVariable String customerId, @RequestParam(defaultValue = "100") int limit) {
    account(shop, customerId);
    return new ActivityView(customerId, activity.customerFeed(shop.id(), customerId, clamp(limit)));
  }

  @PostMapping("/adjustments")
  ResponseEntity<AdjustmentView> adjust(
      Shop shop,
      @PathVariable String customerId,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
      @RequestBody AdjustmentRequest request) {
    validateCustomerId(customerId);
    if (request.points() == null || request.points() == 0) {
      throw ApiException.badRequest("'points' must be a non-zero whole number");
    }
    if (request.note() == null || request.note().isBlank()) {
      throw ApiException.badRequest("'note' is required: say why the points change");
    }
    if (request.note().length() > MAX_NOTE_LENGTH) {
      throw ApiException.badRequest("'note' must be at most " + MAX_NOTE_LENGTH + " characters");
    }
    // The business event is the admin's request: its Idempotency-Key when the client sends one,
    // otherwise this request itself (a retry without a key is a new adjustment).
    String key =
        "adjustment:"
            + (idempotencyKey == null || idempotencyKey.isBlank()
                ? UUID.randomUUID()
                : customerId + ":" + idempotencyKey.trim());
    long points = request.points();
    Instant now = clock.instant();
    try {
      PostingResult result =
          ledger.post(
              new Posting(
                  shop.id(),
                  customerId,
                  points,
                  EntryKind.MANUAL_ADJUSTMENT,
                  key,
                  request.note().trim(),
                  null,
                  points > 0 ? now.plus(pointsLifetime) : null,
                  points > 0 ? BalanceRule.ALLOW_NEGATIVE : BalanceRule.REQUIRE_SUFFICIENT));
      LedgerEntry entry = result.entry();
      return ResponseEntity.status(result.applied() ? HttpStatus.CREATED : HttpStatus.OK)
          .body(
              new AdjustmentView(
                  entry.id(),
                  customerId,
                  entry.points(),
                  entry.balanceAfter(),
                  entry.note(),
                  entry.createdAt(),
                  result.applied()));
    } catch (InsufficientPointsException e) {
      throw new ApiException(
          HttpStatus.UNPROCESSABLE_ENTITY,
          "insufficient_points",
          "Customer %s has %d points; cannot remove %d."
              .formatted(customerId, e.balance(), -points));
    }
  }

  private CustomerAccount account(Shop shop, String customerId) {
    return ledger
        .findCustomer(shop.id(), customerId)
        .orElseThrow(
            () ->
                ApiException.notFound("Customer " + customerId + " not found in " + shop.domain()));
  }

  private static void validateCustomerId(String customerId) {
    if (customerId.isBlank()
        || customerId.length() > 64
        || !customerId.matches("[A-Za-z0-9_.:@-]+")) {
      throw ApiException.badRequest(
          "customerId must be the platform's customer id (letters, digits, '_.:@-', at most 64)");
    }
  }

  private static int clamp(int limit) {
    return Math.max(1, Math.min(limit, 500));
  }

  record AdjustmentRequest(Long points, String note) {}

  record AdjustmentView(
      long entryId,
      String customerId,
      long points,
      long balanceAfter,
      String note,
      Instant createdAt,
      boolean applied) {}

  record CustomerView(
      String customerId,
      long pointsBalance,
      String vipTier,
      Instant createdAt,
      List<RedemptionSummary> redemptions) {}

  record ActivityView(String customerId, List<ActivityItem> entries) {}

  record RedemptionSummary(
      String redemptionId,
      String status,
      String couponCode,
      long pointsSpent,
      String rewardName,
      Instant createdAt,
      Instant refundedAt) {
    static RedemptionSummary of(Redemption r) {
      return new RedemptionSummary(
          r.id(),
          r.status().name(),
          r.couponCode(),
          r.pointsSpent(),
          r.rewardName(),
          r.createdAt(),
          r.refundedAt());
    }
  }
}
