package io.pointsaga.starter.webhook;

/**
 * A webhook payload refused at intake, naming the delivery and the field: either unreadable (
 * {@link MalformedWebhookException}, 400) or authentic but invalid ({@link
 * InvalidWebhookException}, 200 rejected). The message never echoes the offending value.
 */
public abstract sealed class WebhookPayloadException extends RuntimeException
    permits MalformedWebhookException, InvalidWebhookException {

  private final String source;
  private final String field;

  WebhookPayloadException(String source, String field, String problem) {
    super(source + " payload: " + (field.isEmpty() ? "the payload" : field) + " " + problem);
    this.source = source;
    this.field = field;
  }

  /** Which delivery it was, e.g. {@code Shopify orders/paid}. */
  public String source() {
    return source;
  }

  /** The offending field as a path into the payload, e.g. {@code line_items[1].price}. */
  public String field() {
    return field;
  }
}
