package io.pointsaga.local.sandbox;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Dates in query parameters as BigCommerce's v2 API takes them: RFC 2822 or ISO 8601. */
final class BigCommerceDates {

  private BigCommerceDates() {}

  /** Empty when absent; 400 naming the parameter when it is neither format. */
  static Optional<Instant> parse(String name, String value) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String text = value.strip();
    try {
      return Optional.of(parseRfc2822(text));
    } catch (DateTimeParseException notRfc2822) {
      try {
        return Optional.of(OffsetDateTime.parse(text).toInstant());
      } catch (DateTimeParseException notIso) {
        throw InvalidSandboxRequestException.invalidField(
            name,
            name
                + " must be an RFC 2822 date (Tue, 05 Mar 2024 10:05:00 +0000) or ISO 8601"
                + " (2024-03-05T10:05:00Z)");
      }
    }
  }

  static Instant parseRfc2822(String text) {
    return ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
  }
}
