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
   * paging: no offset, no line skipped or repeated when new lines arrive meanwhile).
   *
   * <p>Each branch takes its own newest {@code :limit} lines after the cursor, ordered by
   * (created_at, id) as its (shop, [customer,] created_at desc, id desc) index is (V12), and the
   * union is ordered and cut once more: the page reads at most twice {@code :limit} index entries
   * however long the history. (One ORDER BY over the union instead made PostgreSQL read and sort
   * every line of the shop or customer: its sort key's constant {@code source} is no index order,
   * 1.2 s for the first page of 10^6 entries.) The cursor's (created_at, source, id) comparison is
   * a (created_at, id) row comparison per branch, which the index serves: see {@link #idBound}.
   */
  private static final String FEED =
      """
      select * from (
        (select kind, points, balance_after, note, created_at, customer_id, redemption_ref,
                order_ref, id, 0 as source
           from ledger_entry
          where shop_id = :shop %1$s and (created_at, id) < (:beforeAt, :entryBeforeId)
          order by created_at desc, id desc
          limit :limit)
        union all
        (select kind, null, null, message, created_at, customer_id, redemption_ref, order_ref,
                id, 1 as source
           from activity_note
          where shop_id = :shop %1$s and (created_at, id) < (:beforeAt, :noteBeforeId)
          order by created_at desc, id desc
          limit :limit)
      ) feed
      order by created_at desc, source desc, id desc
      limit :limit
      """;

  /** The sources' numbers in the feed's order (FeedCursor's 0 and 1). */
  private static final int ENTRY = 0;

  private static final int NOTE = 1;

  /**
   * The id bound that makes {@code (created_at, id) < (cursor's created_at, bound)} the same as
   * {@code (created_at, source, id) < cursor} for a branch whose lines all have {@code source}: a
   * branch ordered after the cursor's source keeps its whole instant (every id is below MAX), the
   * cursor's own source keeps the ids below the cursor's, a branch ordered before it keeps nothing
   * of that instant (no id is below MIN).
   */
  static long idBound(FeedCursor cursor, int source) {
    if (source < cursor.source()) {
      return Long.MAX_VALUE;
    }
    return source == cursor.source() ? cursor.id() : Long.MIN_VALUE;
  }

  /** The feed's query, of one customer or of the whole shop (its plan is checked in a test). */
  static String feedQuery(boolean ofOneCustomer) {
    return FEED.formatted(ofOneCustomer ? "and customer_id = :customer" : "");
  }

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
    return page(jdbc.sql(feedQuery(true)).param("customer", customerId), shopId, limit, before);
  }

  /** The newest {@code limit} lines of the shop's activity. */
  public List<ActivityItem> shopFeed(long shopId, int limit) {
    return shopFeed(shopId, limit, Optional.empty()).entries();
  }

  /** A page of the shop's activity: up to {@code limit} lines older than {@code before}. */
  public FeedPage shopFeed(long shopId, int limit, Optional<FeedCursor> before) {
    return page(jdbc.sql(feedQuery(false)), shopId, limit, before);
  }

  /** The feed query's parameters but the customer: {@code rows} lines after {@code before}. */
  static JdbcClient.StatementSpec bind(
      JdbcClient.StatementSpec feed, long shopId, int rows, Optional<FeedCursor> before) {
    FeedCursor from = before.orElse(NEWEST);
    return feed.param("shop", shopId)
        .param("beforeAt", Timestamp.from(from.createdAt()))
        .param("entryBeforeId", idBound(from, ENTRY))
        .param("noteBeforeId", idBound(from, NOTE))
        .param("limit", rows);
  }

  private static FeedPage page(
      JdbcClient.StatementSpec feed, long shopId, int limit, Optional<FeedCursor> before) {
    // one line more than asked tells whether an older page exists
    List<Row> rows = bind(feed, shopId, limit + 1, before).query(ROW).list();
    List<Row> shown = rows.size() > limit ? rows.subList(0, limit) : rows;
    Optional<FeedCursor> next =
        rows.size() > limit
            ? Optional.of(shown.get(shown.size() - 1).position())
            : Optional.empty();
    return new FeedPage(shown.stream().map(Row::item).toList(), next);
  }
}
