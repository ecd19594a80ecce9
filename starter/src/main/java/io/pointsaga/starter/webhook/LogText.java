package io.pointsaga.starter.webhook;

/**
 * Text from outside (headers of an unsigned request included) made safe for one log line: control
 * characters become {@code ?} (no forged lines), at most 200 characters, {@code -} for none.
 */
final class LogText {
  private static final int MAX = 200;

  private LogText() {}

  static String safe(String text) {
    if (text == null || text.isEmpty()) {
      return "-";
    }
    String cut = text.length() > MAX ? text.substring(0, MAX) + "..." : text;
    StringBuilder safe = new StringBuilder(cut.length());
    cut.codePoints().forEach(c -> safe.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return safe.toString();
  }
}
