package io.pointsaga.attention;

import java.time.Instant;

/**
 * An attention item with what a retry needs to drive it again.
 *
 * @param resolvedAt null while open
 * @param closedBy null while open
 */
public record StoredAttentionItem(
    AttentionItem item,
    String sourceKey,
    Long inboxId,
    String orderId,
    String eventKey,
    String redemptionId,
    Instant resolvedAt,
    ClosedBy closedBy,
    String resolution) {

  public boolean open() {
    return resolvedAt == null;
  }
}
