package io.pointsaga.starter.redemption;

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
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
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
  private final Duration redemptionWait;
  private final Duration cancellationWait;

  RedemptionController(
      RedemptionSagas sagas,
      Redemptions redemptions,
      Rewards rewards,
      @Value("${pointsaga.api.redemption-wait:PT10S}") Duration redemptionWait,
      @Value("${pointsaga.api.cancellation-wait:PT3S}") Duration cancellationWait) {
    this.sagas = sagas;
    this.redemptions = redemptions;
    this.rewards = rewards;
    this.redemptionWait = redemptionWait;
    this.cancellationWait = cancellationWait;
  }

  @PostMapping("/api/v1/shops/{shop}/customers/{customerId}/redemptions")
  ResponseEntity<Map<String, Object>> redeem(
      Shop shop,
      @PathVariable String customerId,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
      @RequestBody RedeemRequest request) {
    if (request.rewardId() == null) {
      throw ApiException.badRequest("'rewardId' is required");
    }
    rewards
        .find(shop.id(), request.rewardId())
        .filter(Reward::exists)
        .orElseThrow(() -> ApiException.notFound("Reward " + request.rewardId() + " not found"));
    String redemptionId = redemptionId(shop, customerId, idempotencyKey);
    SagaState<RedemptionResult> state =
        sagas.redeem(
            new ReserveRedemption(shop.domain(), customerId, request.rewardId(), redemptionId),
            redemptionWait);
    if (state instanceof SagaState.Completed<RedemptionResult> done) {
      return redeemed(done);
    }
    if (state instanceof SagaState.Running<RedemptionResult> running) {
      return ResponseEntity.accepted()
          .body(
              body(
                  "redemptionId",
                  redemptionId,
                  "status",
                  "PENDING",
                  "workflowId",
                  running.workflowId(),
                  "step",
                  running.step()));
    }
    throw new ApiException(
        HttpStatus.INTERNAL_SERVER_ERROR,
        "saga_failed",
        ((SagaState.Failed<RedemptionResult>) state).reason());
  }

  private static ResponseEntity<Map<String, Object>> redeemed(
      SagaState.Completed<RedemptionResult> done) {
    RedemptionResult r = done.result();
    return switch (r.outcome()) {
      case ISSUED ->
          ResponseEntity.status(HttpStatus.CREATED)
              .body(
                  body(
                      "redemptionId",
                      r.redemptionId(),
                      "couponCode",
                      r.couponCode(),
                      "pointsSpent",
                      r.pointsSpent(),
                      "balanceAfter",
                      r.balanceAfter(),
                      "status",
                      "ISSUED",
                      "message",
                      r.message(),
                      "workflowId",
                      done.workflowId()));
      case INSUFFICIENT_POINTS ->
          throw new ApiException(
              HttpStatus.UNPROCESSABLE_ENTITY, "insufficient_points", r.message());
      case REWARD_NOT_FOUND -> throw ApiException.notFound(r.message());
      case COUPON_FAILED ->
          throw new ApiException(HttpStatus.BAD_GATEWAY, "coupon_failed", r.message());
    };
  }

  @GetMapping("/api/v1/shops/{shop}/redemptions/{redemptionId}")
  Map<String, Object> redemption(Shop shop, @PathVariable String redemptionId) {
    Redemption r = find(shop, redemptionId);
    return body(
        "redemptionId",
        r.id(),
        "customerId",
        r.customerId(),
        "status",
        r.status().name(),
        "couponCode",
        r.couponCode(),
        "pointsSpent",
        r.pointsSpent(),
        "rewardId",
        r.rewardId(),
        "rewardName",
        r.rewardName(),
        "discountAmount",
        r.discountAmount(),
        "createdAt",
        r.createdAt(),
        "issuedAt",
        r.issuedAt(),
        "refundedAt",
        r.refundedAt(),
        "statusReason",
        r.statusReason());
  }

  @PostMapping("/api/v1/shops/{shop}/redemptions/{redemptionId}/cancellation")
  ResponseEntity<Map<String, Object>> cancel(
      Shop shop,
      @PathVariable String redemptionId,
      @RequestBody(required = false) CancelRequest request) {
    Redemption redemption = find(shop, redemptionId);
    boolean anyway = request != null && Boolean.TRUE.equals(request.refundPointsAnyway());
    SagaState<CancellationResult> state =
        sagas.cancel(
            new CancelRedemptionRequest(shop.domain(), redemptionId, anyway),
            redemption.customerId(),
            redemption.couponCode(),
            cancellationWait);
    return cancellation(state);
  }

  @GetMapping("/api/v1/shops/{shop}/redemptions/{redemptionId}/cancellation")
  ResponseEntity<Map<String, Object>> cancellationState(
      Shop shop, @PathVariable String redemptionId) {
    find(shop, redemptionId);
    return sagas
        .cancellation(shop.domain(), redemptionId)
        .map(RedemptionController::cancellation)
        .orElseThrow(
            () ->
                ApiException.notFound(
                    "No cancellation was requested for redemption " + redemptionId));
  }

  private static ResponseEntity<Map<String, Object>> cancellation(
      SagaState<CancellationResult> state) {
    if (state instanceof SagaState.Completed<CancellationResult> done) {
      return ResponseEntity.ok(
          body(
              "status",
              "COMPLETED",
              "outcome",
              done.result().outcome().name(),
              "message",
              done.result().message(),
              "workflowId",
              done.workflowId(),
              "redemptionId",
              done.result().redemptionId(),
              "pointsRefunded",
              done.result().pointsRefunded(),
              "refundedAt",
              done.result().refundedAt()));
    }
    if (state instanceof SagaState.Running<CancellationResult> running) {
      return ResponseEntity.accepted()
          .body(
              body(
                  "status", "RUNNING", "workflowId", running.workflowId(), "step", running.step()));
    }
    SagaState.Failed<CancellationResult> failed = (SagaState.Failed<CancellationResult>) state;
    return ResponseEntity.ok(
        body("status", "FAILED", "workflowId", failed.workflowId(), "message", failed.reason()));
  }

  private Redemption find(Shop shop, String redemptionId) {
    return redemptions
        .find(shop.id(), redemptionId)
        .orElseThrow(() -> ApiException.notFound("Redemption " + redemptionId + " not found"));
  }

  /**
   * A new id per request; with an Idempotency-Key the id is derived from it, so a retried request
   * joins the saga of the first instead of spending the points twice.
   */
  private static String redemptionId(Shop shop, String customerId, String idempotencyKey) {
    StringBuilder id = new StringBuilder("rdm_");
    if (idempotencyKey == null || idempotencyKey.isBlank()) {
      for (int i = 0; i < 12; i++) {
        id.append(ID_ALPHABET[RANDOM.nextInt(ID_ALPHABET.length)]);
      }
      return id.toString();
    }
    byte[] digest = sha256(shop.id() + "\n" + customerId + "\n" + idempotencyKey.trim());
    for (int i = 0; i < 16; i++) {
      id.append(ID_ALPHABET[(digest[i] & 0xff) % ID_ALPHABET.length]);
    }
    return id.toString();
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, Object> body(Object... keysAndValues) {
    Map<String, Object> body = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      body.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return body;
  }

  record RedeemRequest(Long rewardId) {}

  record CancelRequest(Boolean refundPointsAnyway) {}
}
