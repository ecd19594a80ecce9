package io.pointsaga.earning;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The shop's "Place an order" earning rule: points per unit of currency spent. */
@Repository
public class EarningRules {
  private final JdbcClient jdbc;
  private final Clock clock;

  public EarningRules(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public PlaceOrderRule putPlaceOrderRule(long shopId, BigDecimal pointsPerUnit, boolean enabled) {
    return jdbc.sql(
            """
            insert into earning_rule (shop_id, kind, points_per_unit, enabled, updated_at)
            values (?, 'PLACE_ORDER', ?, ?, ?)
            on conflict (shop_id, kind) do update set points_per_unit = excluded.points_per_unit,
                enabled = excluded.enabled, updated_at = excluded.updated_at
            returning points_per_unit, enabled
            """)
        .params(shopId, pointsPerUnit, enabled, Timestamp.from(clock.instant()))
        .query((rs, n) -> new PlaceOrderRule(rs.getBigDecimal(1), rs.getBoolean(2)))
        .single();
  }

  public Optional<PlaceOrderRule> placeOrderRule(long shopId) {
    return jdbc.sql(
            "select points_per_unit, enabled from earning_rule where shop_id = ? and kind = 'PLACE_ORDER'")
        .param(shopId)
        .query((rs, n) -> new PlaceOrderRule(rs.getBigDecimal(1), rs.getBoolean(2)))
        .optional();
  }

  /** Deletes the shop's "Place an order" rule; answers whether there was one. */
  public boolean delete(long shopId) {
    int deleted =
        jdbc.sql("delete from earning_rule where shop_id = ? and kind = 'PLACE_ORDER'")
            .param(shopId)
            .update();
    return deleted > 0;
  }

  public record PlaceOrderRule(BigDecimal pointsPerUnit, boolean enabled) {}
}
