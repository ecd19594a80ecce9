package io.pointsaga.order;

import java.util.List;

/**
 * What one order event does: the changes to apply, in order, and what was rejected (not applied,
 * kept for a person). Both empty when the event changes nothing or was applied before.
 */
public record OrderDecision(List<OrderChange> changes, List<EventRejection> rejections) {
  public OrderDecision {
    changes = List.copyOf(changes);
    rejections = List.copyOf(rejections);
  }
}
