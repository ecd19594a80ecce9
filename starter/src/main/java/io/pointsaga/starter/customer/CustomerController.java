package io.pointsaga.starter.customer;

import io.pointsaga.ledger.Activity;
import io.pointsaga.ledger.ActivityItem;
import io.pointsaga.ledger.BalanceLimitException;
import io.pointsaga.ledger.BalanceRule;
import io.pointsaga.ledger.CustomerAccount;
import io.pointsaga.ledger.EntryKind;
import io.pointsaga.ledger.FeedCursor;
import io.pointsaga.ledger.FeedPage;
import io.pointsaga.ledger.InsufficientPointsException;
import io.pointsaga.ledger.Ledger;
import io.pointsaga.ledger.LedgerEntry;
import io.pointsaga.ledger.LedgerLimits;
import io.pointsaga.ledger.Posting;
import io.pointsaga.ledger.PostingResult;
import io.pointsaga.order.Orders;
import io.pointsaga.redemption.Redemption;
import io.pointsaga.redemption.Redemptions;
import io.pointsaga.shop.Shop;
import io.pointsaga.starter.web.ApiException;
import io.pointsaga.starter.web.FeedCursors;
import io.pointsaga.starter.web.IdempotencyKeys;
import io.pointsaga.starter.web.PathPatterns;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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

  /** Points one request may move (SPEC §8); the ledger refuses balances beyond ±10^15. */
  static final long MAX_POINTS_PER_REQUEST = LedgerLimits.MAX_POINTS_PER_REQUEST;

  private final Ledger ledger;
  private final Activity activity;
  private final Redemptions redemptions;
  private final Orders orders;
  private final Clock clock;
  private final Duration pointsLifetime;

  CustomerController(
      Ledger ledger,
      Activity activity,
      Redemptions redemptions,
      Orders orders,
      Clock clock,
      @Value("${pointsaga.ledger.points-lifetime:P365D}") Duration pointsLifetime) {
    this.ledger = ledger;
    this.activity = activity;
    this.redemptions = redemptions;
    this.orders = orders;
    this.clock = clock;
    this.pointsLifetime = pointsLifetime;
  }

  @GetMapping
  CustomerView customer(
      Shop shop,
      @PathVariable
          @Pattern(regexp = PathPatterns.CUSTOMER_ID, message = PathPatterns.CUSTOMER_ID_RULE)
          String customerId) {
    CustomerAccount account = account(shop, customerId);
    List<RedemptionSummary> redeemed =
        redemptions.ofCustomer(shop.id(), customerId).stream().map(RedemptionSummary::of).toList();
    return new CustomerView(
        account.customerId(),
        account.pointsBalance(),
        orders.pendingPoints(shop.id(), customerId),
        account.vipTier(),
        account.createdAt(),
        redeemed);
  }

  @GetMapping("/activity")
  ActivityView activity(
      Shop shop,
      @PathVariable
          @Pattern(regexp = PathPatterns.CUSTOMER_ID, message = PathPatterns.CUSTOMER_ID_RULE)
          String customerId,
      @RequestParam(defaultValue = "100")
          @Min(value = 1, message = "must be from 1 to 500")
          @Max(value = 500, message = "must be from 1 to 500")
          int limit,
      @Parameter(description = "The nextBefore of the previous page; absent for the newest page")
          @RequestParam(required = false)
          String before) {
    account(shop, customerId);
    FeedPage page = activity.customerFeed(shop.id(), customerId, limit, FeedCursors.before(before));
    return new ActivityView(
        customerId, page.entries(), page.next().map(FeedCursor::token).orElse(null));
  }

  @PostMapping("/adjustments")
  @ApiResponse(responseCode = "201", description = "The adjustment was applied")
  @ApiResponse(
      responseCode = "200",
      description = "A repeat of an earlier request with the same Idempotency-Key and body",
      content = @Content(schema = @Schema(implementation = AdjustmentView.class)))
  ResponseEntity<AdjustmentView> adjust(
      Shop shop,
      @PathVariable
          @Pattern(regexp = PathPatterns.CUSTOMER_ID, message = PathPatterns.CUSTOMER_ID_RULE)
          String customerId,
      @Parameter(
              description =
                  "Makes a retry safe: the same key with the same body answers the first result,"
                      + " with another body 422 idempotency_key_reused",
              schema = @Schema(maxLength = IdempotencyKeys.MAX_LENGTH))
          @RequestHeader(name = IdempotencyKeys.HEADER, required = false)
          String idempotencyKey,
      @Valid @RequestBody AdjustmentRequest request) {
    if (request.points() == 0) {
      throw ApiException.badRequest("'points' must be a non-zero whole number");
    }
    String note = request.note().trim();
    // The business event is the admin's request: its Idempotency-Key when the client sends one,
    // otherwise this request itself (a retry without a key is a new adjustment).
    Optional<String> clientKey = IdempotencyKeys.read(idempotencyKey);
    String key =
        IdempotencyKeys.adjustment(customerId, clientKey.orElseGet(() -> UUID.randomUUID() + ""));
    long points = request.points();
    Instant now = clock.instant();
    PostingResult result;
    try {
      result =
          ledger.post(
              new Posting(
                  shop.id(),
                  customerId,
                  points,
                  EntryKind.MANUAL_ADJUSTMENT,
                  key,
                  note,
                  null,
                  points > 0 ? now.plus(pointsLifetime) : null,
                  points > 0 ? BalanceRule.ALLOW_NEGATIVE : BalanceRule.REQUIRE_SUFFICIENT));
    } catch (InsufficientPointsException e) {
      throw new ApiException(
          HttpStatus.UNPROCESSABLE_ENTITY,
          "insufficient_points",
          "Customer %s has %d points; cannot remove %d."
              .formatted(customerId, e.balance(), -points));
    } catch (BalanceLimitException e) {
      throw ApiException.badRequest(
          "'points' would take the balance of customer %s (%d points) beyond the ledger's limit of plus or minus %d points; nothing was booked."
              .formatted(customerId, e.balance(), LedgerLimits.MAX_BALANCE));
    }
    LedgerEntry entry = result.entry();
    if (!result.applied() && (entry.points() != points || !Objects.equals(entry.note(), note))) {
      throw ApiException.idempotencyKeyReused(
          "This Idempotency-Key was used for an adjustment of %d points with another note or amount; use a new key for a new adjustment."
              .formatted(entry.points()));
    }
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
  }

  private CustomerAccount account(Shop shop, String customerId) {
    return ledger
        .findCustomer(shop.id(), customerId)
        .orElseThrow(
            () ->
                ApiException.notFound("Customer " + customerId + " not found in " + shop.domain()));
  }

  /**
   * @param points whole points to add (positive) or remove (negative), never 0
   * @param note why the points change; shown in the customer's activity
   */
  record AdjustmentRequest(
      @NotNull(message = "is required: a non-zero whole number of points")
          @Min(
              value = -MAX_POINTS_PER_REQUEST,
              message = "must be a whole number from -1000000000 to 1000000000")
          @Max(
              value = MAX_POINTS_PER_REQUEST,
              message = "must be a whole number from -1000000000 to 1000000000")
          Long points,
      @NotBlank(message = "is required: say why the points change")
          @Size(min = 1, max = MAX_NOTE_LENGTH, message = "must be at most 500 characters")
          String note) {}

  record AdjustmentView(
      long entryId,
      String customerId,
      long points,
      long balanceAfter,
      String note,
      Instant createdAt,
      boolean applied) {}

  /**
   * @param pendingPoints points earned on orders whose pending period has not passed (SPEC §13):
   *     not in the balance and not spendable until approved
   */
  record CustomerView(
      String customerId,
      long pointsBalance,
      long pendingPoints,
      String vipTier,
      Instant createdAt,
      List<RedemptionSummary> redemptions) {}

  record ActivityView(String customerId, List<ActivityItem> entries, String nextBefore) {}

  record RedemptionSummary(
      String redemptionId,
      String status,
      String couponCode,
      long pointsSpent,
      long pointsRestored,
      String rewardName,
      Instant createdAt,
      Instant refundedAt) {
    static RedemptionSummary of(Redemption r) {
      return new RedemptionSummary(
          r.id(),
          r.status().name(),
          r.couponCode(),
          r.pointsSpent(),
          r.pointsRestored(),
          r.rewardName(),
          r.createdAt(),
          r.refundedAt());
    }
  }
}
