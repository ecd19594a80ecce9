package io.pointsaga.attention;

/**
 * An item to open, keyed by what it is about so that opening it again changes nothing.
 *
 * @param sourceKey unique within the shop: {@code order:1234:refund:567}, {@code inbox:42}, built
 *     by the static methods here
 * @param redemptionId the redemption it is about, for the redemption kinds
 */
public record NewAttentionItem(
    AttentionKind kind,
    String sourceKey,
    String subject,
    String problem,
    String workflowId,
    Long inboxId,
    String orderId,
    String eventKey,
    String redemptionId) {

  /** An item about an order event or a delivery (no redemption). */
  public NewAttentionItem(
      AttentionKind kind,
      String sourceKey,
      String subject,
      String problem,
      String workflowId,
      Long inboxId,
      String orderId,
      String eventKey) {
    this(kind, sourceKey, subject, problem, workflowId, inboxId, orderId, eventKey, null);
  }

  /** The key of an order event's item. */
  public static String orderEventKey(String orderId, String eventKey) {
    return "order:" + orderId + ":" + eventKey;
  }

  /** The key of a rejected delivery's item. */
  public static String inboxKey(long inboxId) {
    return "inbox:" + inboxId;
  }

  /** The key of a delivery stuck in the inbox. */
  public static String stuckDeliveryKey(long inboxId) {
    return "inbox:" + inboxId + ":stuck";
  }

  /** The key of a redemption's item, one per kind (follow-up, platform failure). */
  public static String redemptionKey(String redemptionId, AttentionKind kind) {
    return "redemption:" + redemptionId + ":" + kind.name();
  }

  /** The key of a missing webhook subscription's item, per platform topic. */
  public static String subscriptionKey(String topic) {
    return "subscription:" + topic;
  }
}
