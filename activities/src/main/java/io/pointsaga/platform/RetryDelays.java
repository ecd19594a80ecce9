package io.pointsaga.platform;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** How long a platform asks us to wait after throttling a request. */
final class RetryDelays {

  static final Duration MINIMUM = Duration.ofSeconds(1);

  private RetryDelays() {}

  /**
   * From BigCommerce's {@code X-Rate-Limit-Time-Reset-Ms} or the standard {@code Retry-After}
   * (seconds, or an HTTP date); one second when neither says anything usable.
   */
  static Duration fromHeaders(HttpHeaders headers, Instant now) {
    Optional<Duration> resetMs =
        headers.firstValue("X-Rate-Limit-Time-Reset-Ms").flatMap(RetryDelays::milliseconds);
    Optional<Duration> retryAfter =
        headers.firstValue("Retry-After").flatMap(value -> retryAfter(value, now));
    return atLeastMinimum(resetMs.or(() -> retryAfter).orElse(MINIMUM));
  }

  /**
   * From Shopify's GraphQL cost block: the points the query lacks divided by the restore rate,
   * rounded up to whole seconds; one second when the block is missing.
   */
  static Duration fromShopifyCost(JsonNode extensions) {
    JsonNode cost = extensions.path("cost");
    JsonNode throttle = cost.path("throttleStatus");
    if (!cost.path("requestedQueryCost").isNumber()
        || !throttle.path("currentlyAvailable").isNumber()
        || !throttle.path("restoreRate").isNumber()) {
      return MINIMUM;
    }
    BigDecimal missing =
        cost.path("requestedQueryCost")
            .decimalValue()
            .subtract(throttle.path("currentlyAvailable").decimalValue());
    BigDecimal restoreRate = throttle.path("restoreRate").decimalValue();
    if (restoreRate.signum() <= 0 || missing.signum() <= 0) {
      return MINIMUM;
    }
    long seconds = missing.divide(restoreRate, 0, RoundingMode.CEILING).longValueExact();
    return atLeastMinimum(Duration.ofSeconds(seconds));
  }

  private static Duration atLeastMinimum(Duration delay) {
    return delay.compareTo(MINIMUM) < 0 ? MINIMUM : delay;
  }

  private static Optional<Duration> milliseconds(String value) {
    try {
      return Optional.of(Duration.ofMillis(Long.parseLong(value.strip())));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Optional<Duration> retryAfter(String value, Instant now) {
    String trimmed = value.strip();
    try {
      // Shopify's REST API sends fractional seconds ("2.0").
      BigDecimal seconds = new BigDecimal(trimmed).setScale(0, RoundingMode.CEILING);
      return Optional.of(Duration.ofSeconds(seconds.longValueExact()));
    } catch (NumberFormatException | ArithmeticException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        return Optional.of(Duration.between(now, at));
      } catch (DateTimeParseException notADate) {
        return Optional.empty();
      }
    }
  }
}
