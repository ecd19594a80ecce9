package io.pointsaga.ledger;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Notes, and the activity feeds that merge them with ledger entries, newest first. */
@Repository
public class Activity {
  /** A feed line with its place in the feed's order. */
  private record Row(ActivityItem item, FeedCursor position) {}

  private static final RowMapper<Row> ROW =
      (rs, n) -> {
        Instant createdAt = rs.getTimestamp("created_at").toInstant();
        return new Row(
            new ActivityItem(
                rs.getString("kind"),
                (Long) rs.getObject("points"),
                (Long) rs.getObject("balance_after"),
                rs.getString("note"),
                createdAt,
                rs.getString("customer_id"),
                rs.getString("redemption_ref"),
                rs.getString("order_ref")),
            new FeedCursor(createdAt, rs.getInt("source"), rs.getLong("id")));
      };

  /**
   * Ledger entries and notes merged, newest first, ordered by (created_at, source, id) descending:
   * a total order, so a page ends at one exact line and the next starts right after it (keyset
   * paging: no offset, no line skipped or repeated when new lines arrive meanwhile). Each branch
   * filters on {@code created_at <= :beforeAt} first, which its (shop, [customer,] created_at)
   * index serves; the exact tuple comparison then drops what the previous page already showed.
   */
  private static final String FEED =
      """
      select * from (
        select kind, points, balance_after, note, created_at, customer_id, redemption_ref, order_ref,
               id, 0 as source
          from ledger_entry where shop_id = :shop %1$s and created_at <= :beforeAt
        union all
        select kind, null, null, message, created_at, customer_id, redemption_ref, order_ref,
               id, 1 as source
          from activity_note where shop_id = :shop %1$s and created_at <= :beforeAt
      ) feed
      where (created_at, source, id) < (:beforeAt, :beforeSource, :beforeId)
      order by created_at desc, source desc, id desc
      limit :limit
      """;

  /** Where a first page starts: after every line there is. */
  private static final FeedCursor NEWEST =
      new FeedCursor(Instant.parse("9999-12-31T00:00:00Z"), 1, Long.MAX_VALUE);

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

  /** The newest {@code limit} lines of a customer's activity. */
  public List<ActivityItem> customerFeed(long shopId, String customerId, int limit) {
    return customerFeed(shopId, customerId, limit, Optional.empty()).entries();
  }

  /** A page of a customer's activity: up to {@code limit} lines older than {@code before}. */
  public FeedPage customerFeed(
      long shopId, String customerId, int limit, Optional<FeedCursor> before) {
    return page(
        jdbc.sql(FEED.formatted("and customer_id = :customer")).param("customer", customerId),
        shopId,
        limit,
        before);
  }

  /** The newest {@code limit} lines of the shop's activity. */
  public List<ActivityItem> shopFeed(long shopId, int limit) {
    return shopFeed(shopId, limit, Optional.empty()).entries();
  }

  /** A page of the shop's activity: up to {@code limit} lines older than {@code before}. */
  public FeedPage shopFeed(long shopId, int limit, Optional<FeedCursor> before) {
    return page(jdbc.sql(FEED.formatted("")), shopId, limit, before);
  }

  private static FeedPage page(
      JdbcClient.StatementSpec feed, long shopId, int limit, Optional<FeedCursor> before) {
    FeedCursor from = before.orElse(NEWEST);
    // one line more than asked tells whether an older page exists
    List<Row> rows =
        feed.param("shop", shopId)
            .param("beforeAt", Timestamp.from(from.createdAt()))
            .param("beforeSource", from.source())
            .param("beforeId", from.id())
            .param("limit", limit + 1)
            .query(ROW)
            .list();
    List<Row> shown = rows.size() > limit ? rows.subList(0, limit) : rows;
    Optional<FeedCursor> next =
        rows.size() > limit
            ? Optional.of(shown.get(shown.size() - 1).position())
            : Optional.empty();
    return new FeedPage(shown.stream().map(Row::item).toList(), next);
  }
}
