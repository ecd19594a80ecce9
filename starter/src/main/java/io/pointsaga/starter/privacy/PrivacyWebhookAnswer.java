package io.pointsaga.starter.privacy;

/**
 * What a compliance webhook is answered with 200: {@code recorded} (a data request), {@code
 * redacted}, {@code erased}, or {@code ignored} (nothing held, or already done), with a message.
 */
record PrivacyWebhookAnswer(String status, String message) {
  static PrivacyWebhookAnswer recorded(String message) {
    return new PrivacyWebhookAnswer("recorded", message);
  }

  static PrivacyWebhookAnswer redacted(String message) {
    return new PrivacyWebhookAnswer("redacted", message);
  }

  static PrivacyWebhookAnswer erased(String message) {
    return new PrivacyWebhookAnswer("erased", message);
  }

  static PrivacyWebhookAnswer ignored(String message) {
    return new PrivacyWebhookAnswer("ignored", message);
  }
}
