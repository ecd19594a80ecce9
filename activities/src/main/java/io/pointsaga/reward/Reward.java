package io.pointsaga.reward;

import java.math.BigDecimal;
import java.time.Instant;

/** A reward definition: what a customer gets (a fixed amount off) for how many points. */
public record Reward(
    long id,
    long shopId,
    String name,
    long pointsCost,
    BigDecimal discountAmount,
    Instant createdAt,
    Instant deletedAt) {

  public boolean exists() {
    return deletedAt == null;
  }
}
