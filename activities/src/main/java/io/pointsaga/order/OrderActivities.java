package io.pointsaga.order;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** The ledger side of the order saga. Keyed by order and business event: safe to repeat. */
@ActivityInterface(namePrefix = "Order")
public interface OrderActivities {

  /** The order (or an empty one if unknown), the shop's settings and its current earning rule. */
  @ActivityMethod
  OrderContext load(String shopDomain, String orderId);

  /**
   * Applies one decided change in one transaction: records the event (once), posts the points,
   * updates the order, restores coupon points, writes the notes.
   */
  @ActivityMethod
  AppliedChange apply(String shopDomain, String orderId, OrderChange change);

  /**
   * Places the customer in the VIP tier their counting orders reach; a move gets a note keyed by
   * {@code cause}.
   */
  @ActivityMethod
  VipChange recalculateVip(String shopDomain, String customerId, String cause);

  /**
   * Keeps an event that failed for good in the shop's attention queue; once per order and event key
   * (a repeat changes nothing). Returns whether the item was opened now.
   */
  @ActivityMethod
  boolean recordFailure(String shopDomain, String orderId, FailedOrderEvent failed);

  /**
   * Marks the webhook delivery the saga just finished with (applied, found to change nothing, or
   * kept for a person) as handled, so that a restart does not hand it over again. A repeat, or a
   * delivery of another shop, changes nothing.
   */
  @ActivityMethod
  void deliveryHandled(String shopDomain, long inboxId);
}
