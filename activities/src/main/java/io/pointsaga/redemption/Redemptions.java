package io.pointsaga.redemption;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Storage of redemptions. Status changes go through the sagas' activities. */
@Repository
public class Redemptions {
  static final RowMapper<Redemption> REDEMPTION =
      (rs, n) ->
          new Redemption(
              rs.getString("id"),
              rs.getLong("shop_id"),
              rs.getString("customer_id"),
              rs.getLong("reward_id"),
              rs.getString("reward_name"),
              rs.getBigDecimal("discount_amount"),
              rs.getLong("points_spent"),
              rs.getString("coupon_code"),
              rs.getString("platform_discount_id"),
              RedemptionStatus.valueOf(rs.getString("status")),
              rs.getString("status_reason"),
              instant(rs.getTimestamp("created_at")),
              instant(rs.getTimestamp("issued_at")),
              instant(rs.getTimestamp("refunded_at")),
              rs.getLong("points_restored"));

  private final JdbcClient jdbc;

  public Redemptions(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<Redemption> find(String redemptionId) {
    return jdbc.sql("select * from redemption where id = ?")
        .param(redemptionId)
        .query(REDEMPTION)
        .optional();
  }

  public Optional<Redemption> find(long shopId, String redemptionId) {
    return find(redemptionId).filter(r -> r.shopId() == shopId);
  }

  /** Locks the row until the transaction ends, so status changes of one redemption are serial. */
  Optional<Redemption> lock(String redemptionId) {
    return jdbc.sql("select * from redemption where id = ? for update")
        .param(redemptionId)
        .query(REDEMPTION)
        .optional();
  }

  public List<Redemption> ofCustomer(long shopId, String customerId) {
    return jdbc.sql(
            "select * from redemption where shop_id = ? and customer_id = ? order by created_at desc")
        .params(shopId, customerId)
        .query(REDEMPTION)
        .list();
  }

  void insertPending(Redemption r) {
    jdbc.sql(
            """
            insert into redemption (id, shop_id, customer_id, reward_id, reward_name, discount_amount,
                points_spent, coupon_code, status, created_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?)
            """)
        .params(
            r.id(),
            r.shopId(),
            r.customerId(),
            r.rewardId(),
            r.rewardName(),
            r.discountAmount(),
            r.pointsSpent(),
            r.couponCode(),
            Timestamp.from(r.createdAt()))
        .update();
  }

  /** Answers whether this call issued it (false: it was issued, or ended, before). */
  boolean markIssued(String redemptionId, String platformDiscountId, Instant at) {
    return jdbc.sql(
                """
                update redemption set status = 'ISSUED', platform_discount_id = ?, issued_at = ?
                where id = ? and status = 'PENDING'
                """)
            .params(platformDiscountId, Timestamp.from(at), redemptionId)
            .update()
        == 1;
  }

  void markRefunded(String redemptionId, RedemptionStatus status, String reason, Instant at) {
    jdbc.sql(
            """
            update redemption set status = ?, status_reason = ?, refunded_at = ?,
                points_restored = case when ? = 'REFUNDED' then points_spent else points_restored end
            where id = ?
            """)
        .params(status.name(), reason, Timestamp.from(at), status.name(), redemptionId)
        .update();
  }

  /** Counts points given back in part (restoreRedeemedPoints PROPORTIONAL). */
  void addPointsRestored(String redemptionId, long points) {
    jdbc.sql("update redemption set points_restored = points_restored + ? where id = ?")
        .params(points, redemptionId)
        .update();
  }

  /** A redemption still in progress ends FAILED; one that ended otherwise is left as it is. */
  void markFailed(String redemptionId, String reason) {
    jdbc.sql(
            """
            update redemption set status = 'FAILED', status_reason = ?
            where id = ? and status in ('PENDING', 'ISSUED')
            """)
        .params(reason, redemptionId)
        .update();
  }

  void markPointsReturned(String redemptionId, Instant at) {
    jdbc.sql("update redemption set refunded_at = ? where id = ? and refunded_at is null")
        .params(Timestamp.from(at), redemptionId)
        .update();
  }

  /**
   * Notes that an admin asked to cancel the redemption now, so that an uninstall of the shop can
   * find the cancellation saga (see {@code RunningSagas}).
   */
  public void markCancellationRequested(long shopId, String redemptionId, Instant at) {
    jdbc.sql("update redemption set cancellation_requested_at = ? where shop_id = ? and id = ?")
        .params(Timestamp.from(at), shopId, redemptionId)
        .update();
  }

  void flag(String redemptionId, String reason) {
    jdbc.sql("update redemption set status = 'NEEDS_FOLLOW_UP', status_reason = ? where id = ?")
        .params(reason, redemptionId)
        .update();
  }

  private static Instant instant(Timestamp ts) {
    return ts == null ? null : ts.toInstant();
  }
}
