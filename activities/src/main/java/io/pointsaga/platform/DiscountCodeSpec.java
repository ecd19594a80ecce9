package io.pointsaga.platform;

import java.math.BigDecimal;

/**
 * What to create on the platform for a redeemed reward.
 *
 * @param code the coupon code the customer types at checkout
 * @param title shown to the merchant in the platform's discount list
 * @param amountOff fixed amount off the order, in the shop's currency (scale 2)
 * @param customerId the platform's customer id, or null for any customer
 */
public record DiscountCodeSpec(
    String code, String title, BigDecimal amountOff, String customerId) {}
