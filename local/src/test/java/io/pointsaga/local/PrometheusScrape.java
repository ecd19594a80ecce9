package io.pointsaga.local;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One answer of {@code /actuator/prometheus} (text format), read into series keyed by name and
 * sorted labels, e.g. {@code pointsaga_points_total{kind="EARN"}}. A series absent from the scrape
 * reads 0 (a counter not incremented yet is not rendered).
 */
record PrometheusScrape(Map<String, Double> series) {
  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)(?:\\s+\\d+)?$");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  static PrometheusScrape parse(String text) {
    Map<String, Double> series = new TreeMap<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      Matcher sample = SAMPLE.matcher(line.trim());
      if (!sample.matches()) {
        throw new AssertionError("not a Prometheus sample line: " + line);
      }
      series.put(
          key(sample.group(1), labels(sample.group(2))), Double.parseDouble(sample.group(3)));
    }
    return new PrometheusScrape(series);
  }

  private static Map<String, String> labels(String text) {
    Map<String, String> labels = new TreeMap<>();
    if (text != null) {
      Matcher label = LABEL.matcher(text);
      while (label.find()) {
        labels.put(label.group(1), label.group(2));
      }
    }
    return labels;
  }

  /** {@code name{a="1",b="2"}} with the labels sorted; {@code name} alone without labels. */
  static String key(String name, Map<String, String> labels) {
    if (labels.isEmpty()) {
      return name;
    }
    StringBuilder key = new StringBuilder(name).append('{');
    new TreeMap<>(labels).forEach((k, v) -> key.append(k).append("=\"").append(v).append("\","));
    key.setLength(key.length() - 1);
    return key.append('}').toString();
  }

  /** The value of the series with exactly these labels, 0 when absent. */
  double value(String name, String... labelPairs) {
    Map<String, String> labels = new TreeMap<>();
    for (int i = 0; i < labelPairs.length; i += 2) {
      labels.put(labelPairs[i], labelPairs[i + 1]);
    }
    return series.getOrDefault(key(name, labels), 0.0);
  }

  /** Whether some series of this metric name is present, whatever its labels. */
  boolean has(String name) {
    return series.keySet().stream().anyMatch(k -> k.equals(name) || k.startsWith(name + "{"));
  }

  /** The metric names present (without labels). */
  java.util.Set<String> names() {
    java.util.Set<String> names = new java.util.TreeSet<>();
    series.keySet().forEach(k -> names.add(k.contains("{") ? k.substring(0, k.indexOf('{')) : k));
    return names;
  }
}
