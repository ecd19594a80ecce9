package io.pointsaga.local.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a page's DOM as Chromium dumped it: the text of the element that carries a {@code
 * data-testid} (the Temporal UI marks what its own tests look for that way), how many elements
 * carry one, and the page's text as a reader sees it (tags removed, entities decoded, whitespace
 * collapsed).
 */
final class UiDom {
  private static final Pattern TAG = Pattern.compile("<[^>]*>");
  private static final Pattern TAG_NAME = Pattern.compile("<([a-zA-Z][a-zA-Z0-9-]*)");
  private static final Pattern NUMERIC_ENTITY = Pattern.compile("&#(x?)([0-9a-fA-F]+);");

  private final String html;

  UiDom(String html) {
    this.html = html;
  }

  /** How many elements carry {@code data-testid="testId"}. */
  int count(String testId) {
    String attribute = "data-testid=\"" + testId + "\"";
    int count = 0;
    for (int at = html.indexOf(attribute); at >= 0; at = html.indexOf(attribute, at + 1)) {
      count++;
    }
    return count;
  }

  /** The text inside the first element that carries {@code data-testid="testId"}. */
  Optional<String> textOf(String testId) {
    List<String> texts = textsOf(testId);
    return texts.isEmpty() ? Optional.empty() : Optional.of(texts.get(0));
  }

  /** The text inside each element that carries {@code data-testid="testId"}, in page order. */
  List<String> textsOf(String testId) {
    String attribute = "data-testid=\"" + testId + "\"";
    List<String> texts = new ArrayList<>();
    for (int at = html.indexOf(attribute); at >= 0; at = html.indexOf(attribute, at + 1)) {
      elementText(at).ifPresent(texts::add);
    }
    return texts;
  }

  /** The text of the element whose opening tag holds the attribute at {@code attribute}. */
  private Optional<String> elementText(int attribute) {
    int open = html.lastIndexOf('<', attribute);
    Matcher name = TAG_NAME.matcher(html).region(open, attribute);
    if (!name.lookingAt()) {
      return Optional.empty();
    }
    Matcher m =
        Pattern.compile("<(/?)" + Pattern.quote(name.group(1)) + "[\\s>]")
            .matcher(html)
            .region(open, html.length());
    int depth = 0;
    int from = html.indexOf('>', attribute) + 1;
    while (m.find()) {
      depth += m.group(1).isEmpty() ? 1 : -1;
      if (depth == 0) {
        return Optional.of(readable(html.substring(from, m.start())));
      }
    }
    return Optional.empty();
  }

  /** The whole page as a reader sees it. */
  String text() {
    return readable(html);
  }

  private static String readable(String fragment) {
    String text = TAG.matcher(fragment).replaceAll(" ");
    Matcher numeric = NUMERIC_ENTITY.matcher(text);
    StringBuilder decoded = new StringBuilder();
    while (numeric.find()) {
      int codePoint = Integer.parseInt(numeric.group(2), numeric.group(1).isEmpty() ? 10 : 16);
      numeric.appendReplacement(decoded, Matcher.quoteReplacement(Character.toString(codePoint)));
    }
    numeric.appendTail(decoded);
    return decoded
        .toString()
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
        .replaceAll("\\s+", " ")
        .trim();
  }
}
