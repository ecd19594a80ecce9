package io.pointsaga.platform;

import io.pointsaga.order.OrderEvent;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Order details the webhook did not carry. BigCommerce webhooks carry ids only; this fetches the
 * order or the refund from the BigCommerce API.
 *
 * <p>Read only, so safe to repeat. Failures carry the types of {@link PlatformFailure}, with the
 * same retry semantics as {@link PlatformActivities}: throttling (after the platform's delay) and
 * outages are retryable; rejected credentials, an unknown order or refund, an unknown shop and an
 * event for the wrong platform are not.
 */
@ActivityInterface(namePrefix = "Platform")
public interface PlatformOrderActivities {

  /**
   * Turns an ids-only event (kind BIGCOMMERCE_STATUS_CHANGED or BIGCOMMERCE_REFUND_CREATED) into
   * the platform-neutral event the points arithmetic applies. Other kinds are returned unchanged.
   */
  @ActivityMethod
  OrderEvent resolve(OrderEvent event);
}
