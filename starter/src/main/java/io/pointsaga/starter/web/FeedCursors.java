package io.pointsaga.starter.web;

import io.pointsaga.ledger.CustomerDirectory;
import io.pointsaga.ledger.FeedCursor;
import java.util.Optional;

/** Reads the page cursors of the API's feeds; a cursor we did not hand out is a 400. */
public final class FeedCursors {
  private FeedCursors() {}

  /** The {@code before} of an activity feed: empty for the newest page. */
  public static Optional<FeedCursor> before(String token) {
    if (token == null) {
      return Optional.empty();
    }
    return Optional.of(
        FeedCursor.parse(token)
            .orElseThrow(
                () ->
                    ApiException.badRequest(
                        "'before' must be the nextBefore of a previous page of this feed")));
  }

  /** The {@code after} of the customer list: empty for the first page. */
  public static Optional<String> customerAfter(String token) {
    if (token == null) {
      return Optional.empty();
    }
    return Optional.of(
        CustomerDirectory.customerAfter(token)
            .orElseThrow(
                () ->
                    ApiException.badRequest(
                        "'after' must be the nextAfter of a previous page of this list")));
  }
}
