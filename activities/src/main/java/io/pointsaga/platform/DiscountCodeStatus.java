package io.pointsaga.platform;

/**
 * What the platform says about a code.
 *
 * @param tracked false when the platform does not know the code at all
 * @param active whether the code can still be used at checkout
 * @param usageCount how many orders used it (Shopify's asyncUsageCount, BigCommerce's num_uses)
 */
public record DiscountCodeStatus(
    boolean tracked, String platformDiscountId, boolean active, long usageCount) {

  public static DiscountCodeStatus untracked() {
    return new DiscountCodeStatus(false, null, false, 0);
  }

  public boolean used() {
    return usageCount > 0;
  }
}
