package io.pointsaga.starter.redemption;

import io.pointsaga.ledger.CustomerErasedException;
import io.pointsaga.ledger.Ledger;
import io.pointsaga.redemption.CancelRedemptionRequest;
import io.pointsaga.redemption.CancellationResult;
import io.pointsaga.redemption.Redemption;
import io.pointsaga.redemption.RedemptionResult;
import io.pointsaga.redemption.Redemptions;
import io.pointsaga.redemption.ReserveRedemption;
import io.pointsaga.reward.Reward;
import io.pointsaga.reward.Rewards;
import io.pointsaga.shop.Shop;
import io.pointsaga.starter.redemption.RedemptionSagas.SagaState;
import io.pointsaga.starter.web.ApiException;
import io.pointsaga.starter.web.IdempotencyKeys;
import io.pointsaga.starter.web.PathPatterns;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Redeeming points for a reward, and cancelling a redemption (SPEC §4-5). */
@RestController
class RedemptionController {
  private static final char[] ID_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final RedemptionSagas sagas;
  private final Redemptions redemptions;
  private final Rewards rewards;
  private final Ledger ledger;
  private final Duration redemptionWait;
  private final Duration cancellationWait;
  private final Clock clock;

  RedemptionController(
      RedemptionSagas sagas,
      Redemptions redemptions,
      Rewards rewards,
      Ledger ledger,
      @Value("${pointsaga.api.redemption-wait:PT10S}") Duration redemptionWait,
      @Value("${pointsaga.api.cancellation-wait:PT3S}") Duration cancellationWait,
      Clock clock) {
    this.sagas = sagas;
    this.redemptions = redemptions;
    this.rewards = rewards;
    this.ledger = ledger;
    this.redemptionWait = redemptionWait;
    this.cancellationWait = cancellationWait;
    this.clock = clock;
  }

  @PostMapping("/api/v1/shops/{shop}/customers/{customerId}/redemptions")
  @ApiResponse(responseCode = "201", description = "The coupon was issued")
  @ApiResponse(
      responseCode = "200",
      description = "A repeat of an earlier request with the same Idempotency-Key and reward",
      content = @Content(schema = @Schema(implementation = RedemptionIssued.class)))
  @ApiResponse(
      responseCode = "202",
      description = "Still working; GET the redemption later",
      content = @Content(schema = @Schema(implementation = RedemptionPending.class)))
  ResponseEntity<?> redeem(
      Shop shop,
      @PathVariable
          @Pattern(regexp = PathPatterns.CUSTOMER_ID, message = PathPatterns.CUSTOMER_ID_RULE)
          String customerId,
      @Parameter(
              description =
                  "Makes a retry safe: the same key for the same reward answers the first result,"
                      + " for another reward 422 idempotency_key_reused",
              schema = @Schema(maxLength = IdempotencyKeys.MAX_LENGTH))
          @RequestHeader(name = IdempotencyKeys.HEADER, required = false)
          String idempotencyKey,
      @Valid @RequestBody RedeemRequest request) {
    Optional<String> key = IdempotencyKeys.read(idempotencyKey);
    String redemptionId =
        key.map(k -> IdempotencyKeys.redemptionId(shop.id(), customerId, k))
            .orElseGet(RedemptionController::newRedemptionId);
    Optional<Redemption> earlier =
        key.isPresent() ? redemptions.find(shop.id(), redemptionId) : Optional.empty();
    if (earlier.isPresent() && earlier.get().rewardId() != request.rewardId()) {
      throw ApiException.idempotencyKeyReused(
          "This Idempotency-Key was used to redeem reward %d; use a new key for a new redemption."
              .formatted(earlier.get().rewardId()));
    }
    if (earlier.isEmpty() && ledger.isErased(shop.id(), customerId)) {
      throw new CustomerErasedException(); // the old id is 404 (SPEC §9); nothing is started
    }
    if (earlier.isEmpty()) {
      rewards
          .find(shop.id(), request.rewardId())
          .filter(Reward::exists)
          .orElseThrow(() -> ApiException.notFound("Reward " + request.rewardId() + " not found"));
    }
    SagaState<RedemptionResult> state =
        sagas.redeem(
            new ReserveRedemption(shop.domain(), customerId, request.rewardId(), redemptionId),
            redemptionWait);
    if (state instanceof SagaState.Completed<RedemptionResult> done) {
      return redeemed(done, earlier.isPresent() ? HttpStatus.OK : HttpStatus.CREATED);
    }
    if (state instanceof SagaState.Running<RedemptionResult> running) {
      return ResponseEntity.accepted()
          .body(
              new RedemptionPending(redemptionId, "PENDING", running.workflowId(), running.step()));
    }
    throw new ApiException(
        HttpStatus.INTERNAL_SERVER_ERROR,
        "saga_failed",
        ((SagaState.Failed<RedemptionResult>) state).reason());
  }

  private static ResponseEntity<RedemptionIssued> redeemed(
      SagaState.Completed<RedemptionResult> done, HttpStatus issued) {
    RedemptionResult r = done.result();
    return switch (r.outcome()) {
      case ISSUED ->
          ResponseEntity.status(issued)
              .body(
                  new RedemptionIssued(
                      r.redemptionId(),
                      r.couponCode(),
                      r.pointsSpent(),
                      r.balanceAfter(),
                      "ISSUED",
                      r.message(),
                      done.workflowId()));
      case INSUFFICIENT_POINTS ->
          throw new ApiException(
              HttpStatus.UNPROCESSABLE_ENTITY, "insufficient_points", r.message());
      case REWARD_NOT_FOUND -> throw ApiException.notFound(r.message());
      // erased while the saga started: the old id is 404 (SPEC §9), as it is before the start
      case CUSTOMER_ERASED -> throw new CustomerErasedException();
      case COUPON_FAILED ->
          throw new ApiException(HttpStatus.BAD_GATEWAY, "coupon_failed", r.message());
      // an outcome added later (e.g. the redeem saga failing for good): its own words, a 422
      default ->
          throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "redemption_failed", r.message());
    };
  }

  @GetMapping("/api/v1/shops/{shop}/redemptions/{redemptionId}")
  RedemptionView redemption(
      Shop shop,
      @PathVariable
          @Pattern(regexp = PathPatterns.REDEMPTION_ID, message = "is not a redemption id")
          String redemptionId) {
    return RedemptionView.of(find(shop, redemptionId));
  }

  @PostMapping("/api/v1/shops/{shop}/redemptions/{redemptionId}/cancellation")
  @ApiResponse(responseCode = "200", description = "The saga ended within a few seconds")
  @ApiResponse(
      responseCode = "202",
      description = "The saga is still running; GET the same path later",
      content = @Content(schema = @Schema(implementation = CancellationView.class)))
  ResponseEntity<CancellationView> cancel(
      Shop shop,
      @PathVariable
          @Pattern(regexp = PathPatterns.REDEMPTION_ID, message = "is not a redemption id")
          String redemptionId,
      @Valid @RequestBody(required = false) CancelRequest request) {
    Redemption redemption = find(shop, redemptionId);
    boolean anyway = request != null && Boolean.TRUE.equals(request.refundPointsAnyway());
    // before the start: an uninstall finds the running cancellations by this mark
    redemptions.markCancellationRequested(shop.id(), redemptionId, clock.instant());
    SagaState<CancellationResult> state =
        sagas.cancel(
            new CancelRedemptionRequest(shop.domain(), redemptionId, anyway),
            redemption.customerId(),
            redemption.couponCode(),
            cancellationWait);
    return cancellation(state);
  }

  @GetMapping("/api/v1/shops/{shop}/redemptions/{redemptionId}/cancellation")
  @ApiResponse(responseCode = "200", description = "The latest cancellation ended")
  @ApiResponse(
      responseCode = "202",
      description = "The latest cancellation is still running",
      content = @Content(schema = @Schema(implementation = CancellationView.class)))
  ResponseEntity<CancellationView> cancellationState(
      Shop shop,
      @PathVariable
          @Pattern(regexp = PathPatterns.REDEMPTION_ID, message = "is not a redemption id")
          String redemptionId) {
    find(shop, redemptionId);
    return sagas
        .cancellation(shop.domain(), redemptionId)
        .map(RedemptionController::cancellation)
        .orElseThrow(
            () ->
                ApiException.notFound(
                    "No cancellation was requested for redemption " + redemptionId));
  }

  private static ResponseEntity<CancellationView> cancellation(
      SagaState<CancellationResult> state) {
    if (state instanceof SagaState.Completed<CancellationResult> done) {
      CancellationResult result = done.result();
      return ResponseEntity.ok(
          new CancellationView(
              "COMPLETED",
              done.workflowId(),
              result.outcome().name(),
              result.message(),
              result.redemptionId(),
              result.pointsRefunded(),
              result.refundedAt(),
              null));
    }
    if (state instanceof SagaState.Running<CancellationResult> running) {
      return ResponseEntity.accepted()
          .body(
              new CancellationView(
                  "RUNNING", running.workflowId(), null, null, null, null, null, running.step()));
    }
    SagaState.Failed<CancellationResult> failed = (SagaState.Failed<CancellationResult>) state;
    return ResponseEntity.ok(
        new CancellationView(
            "FAILED", failed.workflowId(), null, failed.reason(), null, null, null, null));
  }

  private Redemption find(Shop shop, String redemptionId) {
    return redemptions
        .find(shop.id(), redemptionId)
        .orElseThrow(() -> ApiException.notFound("Redemption " + redemptionId + " not found"));
  }

  /** A new id per request without an Idempotency-Key (a retry of it redeems again). */
  private static String newRedemptionId() {
    StringBuilder id = new StringBuilder("rdm_");
    for (int i = 0; i < 12; i++) {
      id.append(ID_ALPHABET[RANDOM.nextInt(ID_ALPHABET.length)]);
    }
    return id.toString();
  }

  record RedeemRequest(
      @NotNull(message = "is required: the id of one of the shop's rewards")
          @Min(value = 1, message = "must be a reward id (a positive whole number)")
          Long rewardId) {}

  /** {@code refundPointsAnyway}: give the points back even if the coupon was used or is gone. */
  record CancelRequest(Boolean refundPointsAnyway) {}

  /** 201 (or 200 for a repeat): the coupon exists and the points are spent. */
  record RedemptionIssued(
      String redemptionId,
      String couponCode,
      long pointsSpent,
      long balanceAfter,
      String status,
      String message,
      String workflowId) {}

  /** 202: the saga is still at {@code step}; GET the redemption for its outcome. */
  record RedemptionPending(String redemptionId, String status, String workflowId, String step) {}

  /**
   * @param pointsRestored points spent that came back so far (all of them once refunded; part of
   *     them after partial refunds of the order under restoreRedeemedPoints PROPORTIONAL)
   */
  record RedemptionView(
      String redemptionId,
      String customerId,
      String status,
      String couponCode,
      long pointsSpent,
      long rewardId,
      String rewardName,
      BigDecimal discountAmount,
      Instant createdAt,
      Instant issuedAt,
      Instant refundedAt,
      String statusReason,
      long pointsRestored) {
    static RedemptionView of(Redemption r) {
      return new RedemptionView(
          r.id(),
          r.customerId(),
          r.status().name(),
          r.couponCode(),
          r.pointsSpent(),
          r.rewardId(),
          r.rewardName(),
          r.discountAmount(),
          r.createdAt(),
          r.issuedAt(),
          r.refundedAt(),
          r.statusReason(),
          r.pointsRestored());
    }
  }

  /**
   * A cancellation: {@code COMPLETED} with its outcome and message, {@code RUNNING} with the step
   * it is at, or {@code FAILED} with a message.
   */
  record CancellationView(
      @Schema(allowableValues = {"COMPLETED", "RUNNING", "FAILED"}) String status,
      String workflowId,
      String outcome,
      String message,
      String redemptionId,
      Long pointsRefunded,
      Instant refundedAt,
      String step) {}
}
