package io.pointsaga.local.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The summary's lines, {@code name: value}, in the order and under its exact names; details
 * go to {@link #detail} lines as the run goes, the table comes last.
 */
final class SummaryReport {
  static final String PREFIX = "bench: ";

  /** The line before the table (bench/summary.sh prints the table from there). */
  static final String HEADER = "== summary ==";

  private final Map<String, String> values = new LinkedHashMap<>();

  /** A progress or detail line, printed now. */
  static void detail(String format, Object... args) {
    System.out.println(PREFIX + format.formatted(args));
    System.out.flush();
  }

  void millis(String name, double value) {
    values.put(name, "%.1f".formatted(value));
  }

  void rate(String name, double perSecond) {
    values.put(name, "%.0f".formatted(perSecond));
  }

  void ratio(String name, double value) {
    values.put(name, "%.2f".formatted(value));
  }

  void text(String name, String value) {
    values.put(name, value);
  }

  /** The same lines in the given order (the parts may be measured in another). */
  SummaryReport ordered(java.util.List<String> names) {
    SummaryReport ordered = new SummaryReport();
    for (String name : names) {
      if (!values.containsKey(name)) {
        throw new IllegalStateException("no value for " + name);
      }
      ordered.values.put(name, values.get(name));
    }
    return ordered;
  }

  /** The table, one {@code name: value} a line, nothing after it. */
  String table() {
    StringBuilder out = new StringBuilder();
    values.forEach((name, value) -> out.append(name).append(": ").append(value).append('\n'));
    return out.toString();
  }
}
