package io.pointsaga.order;

import io.pointsaga.settings.ShopSettings;
import java.math.BigDecimal;

/**
 * What the order saga needs to decide an event: the order, the shop's policies, and the shop's
 * Place-an-order rule as it is now (null when deleted).
 */
public record OrderContext(OrderState order, ShopSettings settings, CurrentRule currentRule) {

  public record CurrentRule(BigDecimal pointsPerUnit, boolean enabled) {}
}
