package io.pointsaga.platform;

import java.util.List;

/**
 * One page of the orders changed since a moment, oldest change first.
 *
 * @param nextPage what to ask for the next page with; null on the last page
 */
public record OrderChangesPage(List<ChangedOrder> orders, String nextPage) {
  public OrderChangesPage {
    orders = List.copyOf(orders);
  }

  public boolean last() {
    return nextPage == null;
  }
}
