package io.pointsaga.reward;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reward definitions. Deleting one keeps the row (redemptions made from it still point at it) but
 * it no longer exists for new redemptions or for cancellations (SPEC §4, case 2).
 */
@Repository
public class Rewards {
  private static final RowMapper<Reward> REWARD =
      (rs, n) -> {
        Timestamp deleted = rs.getTimestamp("deleted_at");
        return new Reward(
            rs.getLong("id"),
            rs.getLong("shop_id"),
            rs.getString("name"),
            rs.getLong("points_cost"),
            rs.getBigDecimal("discount_amount"),
            rs.getTimestamp("created_at").toInstant(),
            deleted == null ? null : deleted.toInstant());
      };

  private final JdbcClient jdbc;
  private final Clock clock;

  public Rewards(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public Reward create(long shopId, String name, long pointsCost, BigDecimal discountAmount) {
    return jdbc.sql(
            """
            insert into reward (shop_id, name, points_cost, discount_amount, created_at)
            values (?, ?, ?, ?, ?) returning *
            """)
        .params(shopId, name, pointsCost, discountAmount, Timestamp.from(clock.instant()))
        .query(REWARD)
        .single();
  }

  /** The reward, deleted or not. */
  public Optional<Reward> find(long shopId, long rewardId) {
    return jdbc.sql("select * from reward where shop_id = ? and id = ?")
        .params(shopId, rewardId)
        .query(REWARD)
        .optional();
  }

  /** Rewards that exist, oldest first. */
  public List<Reward> list(long shopId) {
    return jdbc.sql("select * from reward where shop_id = ? and deleted_at is null order by id")
        .param(shopId)
        .query(REWARD)
        .list();
  }

  /** Deletes the definition; returns false if there was none to delete. */
  public boolean delete(long shopId, long rewardId) {
    return jdbc.sql(
                "update reward set deleted_at = ? where shop_id = ? and id = ? and deleted_at is null")
            .params(Timestamp.from(clock.instant()), shopId, rewardId)
            .update()
        == 1;
  }
}
