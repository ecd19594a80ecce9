package io.pointsaga.redemption;

import java.time.Duration;
import java.time.Instant;

/** How long added points live; points given back get a fresh expiry from the day they return. */
record PointsLifetime(Duration duration) {
  Instant expiryFrom(Instant addedAt) {
    return addedAt.plus(duration);
  }
}
