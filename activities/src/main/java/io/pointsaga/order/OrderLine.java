package io.pointsaga.order;

import java.math.BigDecimal;

/**
 * One line of an order as the points arithmetic sees it.
 *
 * @param amountAfterDiscounts price x quantity minus the line's discount allocations, without
 *     shipping, taxes and tips (SPEC §3), in the shop's currency
 */
public record OrderLine(String lineItemId, BigDecimal amountAfterDiscounts) {}
