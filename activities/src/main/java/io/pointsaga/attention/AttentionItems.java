package io.pointsaga.attention;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The attention queue's storage: one row per source (the order event, delivery, redemption or
 * subscription it is about), read newest first. A source opens its item once; after a retry handed
 * it back (or it went away by itself) the same source opens it again, while a person's resolution
 * is final.
 */
@Repository
public class AttentionItems {
  private static final int MAX_TEXT = 2_000;

  private final JdbcClient jdbc;
  private final Clock clock;

  public AttentionItems(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * Opens the item, or reopens it when it was closed by a retry or by itself; false when it is open
   * already or a person resolved it.
   */
  public boolean open(long shopId, NewAttentionItem item) {
    return jdbc.sql(
                """
                insert into attention_item (shop_id, kind, source_key, subject, problem, since,
                    workflow_id, inbox_id, order_id, event_key, redemption_id)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (shop_id, source_key) do update set
                    subject = excluded.subject, problem = excluded.problem, since = excluded.since,
                    workflow_id = coalesce(excluded.workflow_id, attention_item.workflow_id),
                    resolved_at = null, closed_by = null, resolution = null
                where attention_item.resolved_at is not null
                  and coalesce(attention_item.closed_by, 'SYSTEM') <> 'PERSON'
                """)
            .params(
                shopId,
                item.kind().name(),
                item.sourceKey(),
                safe(item.subject()),
                safe(item.problem()),
                Timestamp.from(clock.instant()),
                item.workflowId(),
                item.inboxId(),
                item.orderId(),
                item.eventKey(),
                item.redemptionId())
            .update()
        == 1;
  }

  /** The shop's open items, newest first. */
  public List<AttentionItem> open(long shopId, int limit) {
    return jdbc.sql(
            """
            select id, kind, subject, problem, since, workflow_id from attention_item
            where shop_id = ? and resolved_at is null
            order by since desc, id desc limit ?
            """)
        .params(shopId, limit)
        .query((rs, n) -> item(rs))
        .list();
  }

  /** One item of the shop, open or closed; empty for an unknown id or another shop's item. */
  public Optional<StoredAttentionItem> find(long shopId, long id) {
    return jdbc.sql(
            """
            select id, kind, subject, problem, since, workflow_id, source_key, inbox_id, order_id,
                   event_key, redemption_id, resolved_at, closed_by, resolution
            from attention_item where shop_id = ? and id = ?
            """)
        .params(shopId, id)
        .query(
            (rs, n) ->
                new StoredAttentionItem(
                    item(rs),
                    rs.getString("source_key"),
                    (Long) rs.getObject("inbox_id"),
                    rs.getString("order_id"),
                    rs.getString("event_key"),
                    rs.getString("redemption_id"),
                    rs.getTimestamp("resolved_at") == null
                        ? null
                        : rs.getTimestamp("resolved_at").toInstant(),
                    rs.getString("closed_by") == null
                        ? (rs.getTimestamp("resolved_at") == null ? null : ClosedBy.SYSTEM)
                        : ClosedBy.valueOf(rs.getString("closed_by")),
                    rs.getString("resolution")))
        .optional();
  }

  /** Closes an open item; false when it was closed already (e.g. by a concurrent request). */
  public boolean close(long shopId, long id, ClosedBy by, String resolution) {
    return jdbc.sql(
                """
                update attention_item set resolved_at = ?, closed_by = ?, resolution = ?
                where shop_id = ? and id = ? and resolved_at is null
                """)
            .params(Timestamp.from(clock.instant()), by.name(), safe(resolution), shopId, id)
            .update()
        == 1;
  }

  /** The source's problem went away by itself: closes its item if one is open. */
  public boolean closeSource(long shopId, String sourceKey, String resolution) {
    return jdbc.sql(
                """
                update attention_item set resolved_at = ?, closed_by = 'SYSTEM', resolution = ?
                where shop_id = ? and source_key = ? and resolved_at is null
                """)
            .params(Timestamp.from(clock.instant()), safe(resolution), shopId, sourceKey)
            .update()
        == 1;
  }

  /** Undoes a retry's close when the retry could not even start; false if it was not so. */
  public boolean reopenAfterRetry(long shopId, long id) {
    return jdbc.sql(
                """
                update attention_item set resolved_at = null, closed_by = null, resolution = null
                where shop_id = ? and id = ? and closed_by = 'RETRY'
                """)
            .params(shopId, id)
            .update()
        == 1;
  }

  /** Keeps the item open with what the latest attempt found. */
  public void updateProblem(long shopId, long id, String problem) {
    jdbc.sql("update attention_item set problem = ? where shop_id = ? and id = ?")
        .params(safe(problem), shopId, id)
        .update();
  }

  private static AttentionItem item(ResultSet rs) throws SQLException {
    return new AttentionItem(
        rs.getLong("id"),
        AttentionKind.valueOf(rs.getString("kind")),
        rs.getString("subject"),
        rs.getString("problem"),
        rs.getTimestamp("since").toInstant(),
        rs.getString("workflow_id"));
  }

  /** Text kept for people: no control characters (PostgreSQL refuses NUL), bounded length. */
  public static String safe(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder safe = new StringBuilder(Math.min(text.length(), MAX_TEXT));
    text.codePoints()
        .limit(MAX_TEXT)
        .forEach(c -> safe.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return safe.toString();
  }
}
