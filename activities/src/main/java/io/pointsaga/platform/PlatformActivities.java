package io.pointsaga.platform;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The e-commerce platform's discount codes, whatever the platform (Shopify, BigCommerce).
 *
 * <p>Every method is safe to repeat: a create whose code already exists returns the existing code,
 * a revoke of a revoked or unknown code succeeds. Failures carry the types of {@link
 * PlatformFailure}: throttling and outages are retryable (throttling after the platform's own
 * delay), rejected credentials and rejected input are not.
 */
@ActivityInterface
public interface PlatformActivities {

  /** Creates a one-use fixed-amount discount code for a reward and returns the platform's id. */
  @ActivityMethod
  PlatformDiscount createDiscountCode(String shopDomain, DiscountCodeSpec spec);

  /**
   * Looks a code up; a code the platform does not know comes back as untracked, not as a failure.
   */
  @ActivityMethod
  DiscountCodeStatus lookupDiscountCode(String shopDomain, String code);

  /** Makes a code unusable (Shopify: deactivate; BigCommerce: delete). */
  @ActivityMethod
  RevocationResult revokeDiscountCode(String shopDomain, String code);
}
