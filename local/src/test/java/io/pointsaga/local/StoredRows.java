package io.pointsaga.local;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the embedded stack stored for an order, read from its database: the positive signals a test
 * waits for before it asserts that something did not happen (a delivery not recorded, a row
 * dispatched, an event applied), instead of sleeping and hoping processing had finished.
 */
final class StoredRows {
  private StoredRows() {}

  /** One webhook delivery in the inbox. */
  record InboxRow(
      String deliveryKey, String topic, String status, int attempts, String lastError) {}

  static List<InboxRow> inbox(String orderId) {
    return jdbc()
        .sql(
            """
            select i.delivery_key, i.topic, i.status, i.attempts, i.last_error
            from webhook_inbox i join shop s on s.id = i.shop_id
            where s.domain = ? and i.order_id = ? order by i.id
            """)
        .params(EmbeddedStack.SHOP, orderId)
        .query(
            (rs, n) ->
                new InboxRow(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getInt(4),
                    rs.getString(5)))
        .list();
  }

  /** Inbox rows with this delivery key (Shopify's event id), whatever their order. */
  static List<InboxRow> inboxByDelivery(String deliveryKey) {
    return jdbc()
        .sql(
            """
            select i.delivery_key, i.topic, i.status, i.attempts, i.last_error
            from webhook_inbox i join shop s on s.id = i.shop_id
            where s.domain = ? and i.delivery_key = ?
            """)
        .params(EmbeddedStack.SHOP, deliveryKey)
        .query(
            (rs, n) ->
                new InboxRow(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getInt(4),
                    rs.getString(5)))
        .list();
  }

  /** The business events the order saga applied to the order (its {@code order_event} rows). */
  static List<String> appliedEvents(String orderId) {
    return jdbc()
        .sql(
            """
            select e.event_key from order_event e join shop s on s.id = e.shop_id
            where s.domain = ? and e.order_id = ? order by e.event_key
            """)
        .params(EmbeddedStack.SHOP, orderId)
        .query(String.class)
        .list();
  }

  /** Waits (at most a minute) until the order's inbox rows satisfy {@code done}. */
  static List<InboxRow> awaitInbox(String orderId, Predicate<List<InboxRow>> done) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    List<InboxRow> rows = inbox(orderId);
    while (!done.test(rows)) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("inbox rows of order " + orderId + " never got there: " + rows);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      rows = inbox(orderId);
    }
    return rows;
  }

  private static JdbcClient jdbc() {
    return EmbeddedStack.get().context.getBean(JdbcClient.class);
  }
}
