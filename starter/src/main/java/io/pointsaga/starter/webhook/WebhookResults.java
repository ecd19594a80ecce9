package io.pointsaga.starter.webhook;

import java.util.Set;

/**
 * The {@code result} of a webhook delivery, for {@code pointsaga_webhooks_total} and the log line:
 * the {@code status} of a 200 answer ({@code accepted}, {@code duplicate}, {@code rejected}, {@code
 * ignored}, {@code uninstalled}; compliance topics {@code recorded}, {@code redacted}, {@code
 * erased}), else what the HTTP status says: {@code unauthorized} (401), {@code malformed} (400),
 * {@code refused} (another 4xx), {@code error} (5xx).
 */
final class WebhookResults {
  private static final Set<String> ANSWERS =
      Set.of(
          "accepted",
          "duplicate",
          "rejected",
          "ignored",
          "uninstalled",
          "recorded",
          "redacted",
          "erased");

  private WebhookResults() {}

  static String of(int httpStatus, String answerStatus) {
    if (httpStatus >= 200 && httpStatus < 300) {
      return answerStatus != null && ANSWERS.contains(answerStatus) ? answerStatus : "other";
    }
    if (httpStatus == 401) {
      return "unauthorized";
    }
    if (httpStatus == 400) {
      return "malformed";
    }
    return httpStatus >= 500 ? "error" : "refused";
  }
}
