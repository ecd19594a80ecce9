package io.pointsaga.local.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** Ids, paging parameters and the v2 "not found" of a simulated BigCommerce store's API. */
final class BigCommerceQuery {

  /** v2 lists and v3 hooks: 50 a page unless asked, at most 250. */
  static final int DEFAULT_LIMIT = 50;

  static final int MAX_LIMIT = 250;

  private BigCommerceQuery() {}

  static Optional<Long> numericId(String id) {
    return id != null && id.matches("^[1-9][0-9]{0,17}$")
        ? Optional.of(Long.parseLong(id))
        : Optional.empty();
  }

  static int positive(String name, String value, int absent, int max) {
    if (value == null) {
      return absent;
    }
    if (!value.matches("^[0-9]{1,9}$")
        || Integer.parseInt(value) > max
        || Integer.parseInt(value) < Math.min(absent, 1)) {
      throw InvalidSandboxRequestException.invalidField(
          name, name + " must be a whole number from " + Math.min(absent, 1) + " to " + max);
    }
    return Integer.parseInt(value);
  }

  static <T> List<T> v2Page(List<T> all, int page, int limit) {
    long from = Math.min(all.size(), (long) (page - 1) * limit);
    return all.subList((int) from, (int) Math.min(all.size(), from + limit));
  }

  static ResponseEntity<JsonNode> v2NotFound() {
    return BigCommerceReplies.v2Error(
        HttpStatus.NOT_FOUND, "The requested resource was not found.");
  }
}
