package io.pointsaga.starter.webhook;

/**
 * A webhook payload that lacks a field the order saga needs, or carries it in a form we cannot read
 * (e.g. an amount that is not a number). The delivery is answered with 400 and not recorded.
 */
public final class MalformedWebhookException extends WebhookPayloadException {

  MalformedWebhookException(String source, String field, String problem) {
    super(source, field, problem);
  }
}
