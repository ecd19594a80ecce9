package io.pointsaga.starter.webhook;

/**
 * A webhook payload that lacks a field the order saga needs, or carries it in a form we cannot read
 * (e.g. an amount that is not a number). The delivery is answered with 400 and not recorded.
 */
public final class MalformedWebhookException extends RuntimeException {

  private final String source;
  private final String field;

  MalformedWebhookException(String source, String field, String problem) {
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
