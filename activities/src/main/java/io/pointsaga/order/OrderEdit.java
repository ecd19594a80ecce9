package io.pointsaga.order;

import java.util.List;

/**
 * An edit of an order's line items (Shopify {@code orders/edited}): the payload names the lines and
 * how many units were added or removed, never prices; the saga prices them from the order's lines.
 *
 * @param editId Shopify's {@code order_edit.id}
 * @param additions lines whose quantity grew (or lines added by the edit)
 * @param removals lines whose quantity shrank (or lines removed by the edit)
 */
public record OrderEdit(
    String editId, List<QuantityChange> additions, List<QuantityChange> removals) {
  public OrderEdit {
    additions = additions == null ? List.of() : List.copyOf(additions);
    removals = removals == null ? List.of() : List.copyOf(removals);
  }

  /**
   * @param lineItemId the line's id, as on the order
   * @param delta units added or removed, always positive
   */
  public record QuantityChange(String lineItemId, int delta) {}
}
