package io.pointsaga.platform;

import java.net.http.HttpHeaders;

/** A platform's HTTP answer, whatever its status. */
record PlatformResponse(int status, HttpHeaders headers, String body) {

  private static final int EXCERPT_LENGTH = 200;

  boolean successful() {
    return status >= 200 && status < 300;
  }

  boolean hasBody() {
    return body != null && !body.isBlank();
  }

  /** The start of the body on one line, for failure messages. */
  String excerpt() {
    if (!hasBody()) {
      return "(empty body)";
    }
    String oneLine = body.strip().replaceAll("\\s+", " ");
    return oneLine.length() <= EXCERPT_LENGTH
        ? oneLine
        : oneLine.substring(0, EXCERPT_LENGTH) + "...";
  }
}
