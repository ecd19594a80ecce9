package io.pointsaga.attention;

/**
 * An item to open, keyed by what it is about so that opening it again changes nothing.
 *
 * @param sourceKey unique within the shop: {@code order:1234:refund:567}, {@code inbox:42}
 */
public record NewAttentionItem(
    AttentionKind kind,
    String sourceKey,
    String subject,
    String problem,
    String workflowId,
    Long inboxId,
    String orderId,
    String eventKey) {

  /** The key of an order event's item. */
  public static String orderEventKey(String orderId, String eventKey) {
    return "order:" + orderId + ":" + eventKey;
  }

  /** The key of a rejected delivery's item. */
  public static String inboxKey(long inboxId) {
    return "inbox:" + inboxId;
  }
}
