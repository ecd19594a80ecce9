package io.pointsaga.attention;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The attention queue's storage: opened once per source, read newest first. */
@Repository
public class AttentionItems {
  private static final int MAX_TEXT = 2_000;

  private final JdbcClient jdbc;
  private final Clock clock;

  public AttentionItems(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Opens the item; false when one for the same source exists already (open or resolved). */
  public boolean open(long shopId, NewAttentionItem item) {
    return jdbc.sql(
                """
                insert into attention_item (shop_id, kind, source_key, subject, problem, since,
                    workflow_id, inbox_id, order_id, event_key)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (shop_id, source_key) do nothing
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
                item.eventKey())
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
        .query(
            (rs, n) ->
                new AttentionItem(
                    rs.getLong("id"),
                    AttentionKind.valueOf(rs.getString("kind")),
                    rs.getString("subject"),
                    rs.getString("problem"),
                    rs.getTimestamp("since").toInstant(),
                    rs.getString("workflow_id")))
        .list();
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
