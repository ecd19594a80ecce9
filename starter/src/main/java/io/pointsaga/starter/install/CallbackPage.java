package io.pointsaga.starter.install;

import java.util.List;

/**
 * A small HTML page for a merchant's browser at the end of an install callback: a title and a few
 * paragraphs of plain text, each with an optional link or code. Every text is escaped; the page has
 * no script and no inline style (the Content-Security-Policy allows neither).
 */
record CallbackPage(String title, List<Paragraph> paragraphs) {

  /**
   * @param text what the merchant reads
   * @param link an address shown as a link after the text, or null
   * @param code a value shown as code after the text (e.g. the admin token), or null
   */
  record Paragraph(String text, String link, String code) {
    static Paragraph of(String text) {
      return new Paragraph(text, null, null);
    }

    static Paragraph withLink(String text, String link) {
      return new Paragraph(text, link, null);
    }

    static Paragraph withCode(String text, String code) {
      return new Paragraph(text, null, code);
    }
  }

  String html() {
    StringBuilder page =
        new StringBuilder()
            .append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .append("<title>")
            .append(escape(title))
            .append(" · PointSaga</title>\n</head>\n<body>\n<main>\n<h1>")
            .append(escape(title))
            .append("</h1>\n");
    for (Paragraph paragraph : paragraphs) {
      page.append("<p>").append(escape(paragraph.text()));
      if (paragraph.link() != null) {
        page.append(" <a href=\"")
            .append(escape(paragraph.link()))
            .append("\">")
            .append(escape(paragraph.link()))
            .append("</a>");
      }
      if (paragraph.code() != null) {
        page.append(" <code>").append(escape(paragraph.code())).append("</code>");
      }
      page.append("</p>\n");
    }
    return page.append("</main>\n</body>\n</html>\n").toString();
  }

  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder escaped = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '&' -> escaped.append("&amp;");
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#39;");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }
}
