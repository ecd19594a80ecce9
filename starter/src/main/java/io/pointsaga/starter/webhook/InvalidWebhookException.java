package io.pointsaga.starter.webhook;

/**
 * A signed, readable webhook payload that breaks the rules of SPEC §8 (an amount out of range or
 * with too many decimals, a negative price, a currency other than the shop's, a control character
 * in a text field). Authentic but invalid: answered 200 {@code rejected} so the platform does not
 * retry a poison payload, kept in the inbox as rejected and in the attention queue, never applied.
 * The message names the field and never echoes the offending value.
 */
public final class InvalidWebhookException extends WebhookPayloadException {

  InvalidWebhookException(String source, String field, String problem) {
    super(source, field, problem);
  }
}
