package io.pointsaga.ledger;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a page of an activity feed stopped: the last line's time, source (0 ledger entry, 1 note)
 * and row id, the feed's sort key. Travels as an opaque token ({@code before} / {@code
 * nextBefore}); anything that does not decode to one of ours is refused.
 */
public record FeedCursor(Instant createdAt, int source, long id) {
  private static final String VERSION = "f1";
  private static final Pattern TOKEN = Pattern.compile("f1\\.(-?\\d{1,19})\\.([01])\\.(\\d{1,19})");

  /** A cursor token is short; anything longer is not one of ours. */
  public static final int MAX_TOKEN_LENGTH = 80;

  public FeedCursor {
    // PostgreSQL keeps microseconds: a finer instant would not compare equal to its own row.
    createdAt = createdAt.truncatedTo(ChronoUnit.MICROS);
  }

  public String token() {
    long micros = ChronoUnit.MICROS.between(Instant.EPOCH, createdAt);
    String plain = VERSION + "." + micros + "." + source + "." + id;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
  }

  /** The cursor a token names, or empty when it is not a token this service handed out. */
  public static Optional<FeedCursor> parse(String token) {
    if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
      return Optional.empty();
    }
    String plain;
    try {
      plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII);
    } catch (IllegalArgumentException notBase64) {
      return Optional.empty();
    }
    Matcher m = TOKEN.matcher(plain);
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      Instant at = Instant.EPOCH.plus(Long.parseLong(m.group(1)), ChronoUnit.MICROS);
      return Optional.of(
          new FeedCursor(at, Integer.parseInt(m.group(2)), Long.parseLong(m.group(3))));
    } catch (ArithmeticException | java.time.DateTimeException | NumberFormatException outOfRange) {
      return Optional.empty();
    }
  }
}
