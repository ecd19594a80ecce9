package io.pointsaga.order;

/** A customer's VIP tier before and after a recalculation (null: no tier). */
public record VipChange(String tierBefore, String tierAfter) {
  public boolean changed() {
    return tierBefore == null ? tierAfter != null : !tierBefore.equals(tierAfter);
  }
}
