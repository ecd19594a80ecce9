package io.pointsaga.ledger;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Notes, and the activity feeds that merge them with ledger entries, newest first. */
@Repository
public class Activity {
  private static final RowMapper<ActivityItem> ITEM =
      (rs, n) ->
          new ActivityItem(
              rs.getString("kind"),
              (Long) rs.getObject("points"),
              (Long) rs.getObject("balance_after"),
              rs.getString("note"),
              rs.getTimestamp("created_at").toInstant(),
              rs.getString("customer_id"),
              rs.getString("redemption_ref"),
              rs.getString("order_ref"));

  private static final String FEED =
      """
      select * from (
        select kind, points, balance_after, note, created_at, customer_id, redemption_ref, order_ref,
               id, 0 as source
          from ledger_entry where shop_id = :shop %1$s
        union all
        select kind, null, null, message, created_at, customer_id, redemption_ref, order_ref,
               id, 1 as source
          from activity_note where shop_id = :shop %1$s
      ) feed
      order by created_at desc, source desc, id desc
      limit :limit
      """;

  private final JdbcClient jdbc;
  private final Clock clock;

  public Activity(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Adds a note once per idempotency key; returns false if that key was noted before. */
  public boolean add(Note note) {
    return jdbc.sql(
                """
                insert into activity_note (shop_id, customer_id, kind, redemption_ref, order_ref,
                    message, idempotency_key, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (shop_id, idempotency_key) do nothing
                """)
            .params(
                note.shopId(),
                note.customerId(),
                note.kind(),
                note.redemptionRef(),
                note.orderRef(),
                note.message(),
                note.idempotencyKey(),
                Timestamp.from(clock.instant()))
            .update()
        == 1;
  }

  public List<ActivityItem> customerFeed(long shopId, String customerId, int limit) {
    return jdbc.sql(FEED.formatted("and customer_id = :customer"))
        .param("shop", shopId)
        .param("customer", customerId)
        .param("limit", limit)
        .query(ITEM)
        .list();
  }

  public List<ActivityItem> shopFeed(long shopId, int limit) {
    return jdbc.sql(FEED.formatted(""))
        .param("shop", shopId)
        .param("limit", limit)
        .query(ITEM)
        .list();
  }
}
