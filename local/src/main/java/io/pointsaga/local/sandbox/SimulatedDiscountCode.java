package io.pointsaga.local.sandbox;

import java.math.BigDecimal;
import java.time.Instant;

/** A discount code as the simulated platform holds it; also the JSON of the sandbox controls. */
record SimulatedDiscountCode(
    String code,
    String platformDiscountId,
    String title,
    BigDecimal amount,
    DiscountCodeState state,
    long usageCount,
    Instant createdAt) {

  SimulatedDiscountCode withState(DiscountCodeState newState) {
    return new SimulatedDiscountCode(
        code, platformDiscountId, title, amount, newState, usageCount, createdAt);
  }

  SimulatedDiscountCode withOneMoreUse() {
    return new SimulatedDiscountCode(
        code, platformDiscountId, title, amount, state, usageCount + 1, createdAt);
  }

  /**
   * Lookups by code and by id find ACTIVE and DEACTIVATED codes; a deleted code is gone for the
   * API.
   */
  boolean isVisibleToApi() {
    return state != DiscountCodeState.DELETED;
  }
}
