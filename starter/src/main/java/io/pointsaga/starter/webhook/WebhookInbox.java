package io.pointsaga.starter.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pointsaga.order.OrderEvent;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Every accepted webhook delivery, recorded before it is acknowledged, as the platform-neutral
 * event its saga will apply. Deduplicated twice: on the delivery (platform, topic, delivery key)
 * and on the business event (e.g. {@code refund:123}), whichever repeats.
 */
@Repository
class WebhookInbox {
  private final JdbcClient jdbc;
  private final ObjectMapper json;
  private final Clock clock;

  WebhookInbox(JdbcClient jdbc, ObjectMapper json, Clock clock) {
    this.jdbc = jdbc;
    this.json = json;
    this.clock = clock;
  }

  /** A delivery waiting for (or given to) its saga. */
  record Entry(long id, String shopDomain, OrderEvent event, int attempts) {}

  /** Records the delivery; empty when it (or its business event) was recorded before. */
  Optional<Long> record(
      long shopId,
      String platform,
      String topic,
      String deliveryKey,
      String businessKey,
      OrderEvent event) {
    return jdbc.sql(
            """
            insert into webhook_inbox (shop_id, platform, topic, delivery_key, business_key, order_id,
                payload, received_at, next_attempt_at)
            values (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)
            on conflict do nothing
            returning id
            """)
        .params(
            shopId,
            platform,
            topic,
            deliveryKey,
            businessKey,
            event.orderId(),
            write(event),
            Timestamp.from(clock.instant()),
            Timestamp.from(clock.instant()))
        .query(Long.class)
        .optional();
  }

  /**
   * Records an authentic but invalid delivery as rejected: never dispatched. Its payload is a safe
   * stand-in naming the reason (the original may hold what jsonb cannot store, such as NUL). Empty
   * when the same delivery was recorded before.
   */
  Optional<Long> recordRejected(
      long shopId,
      String platform,
      String topic,
      String deliveryKey,
      String orderId,
      String reason,
      byte[] rawBody) {
    String safeReason = io.pointsaga.attention.AttentionItems.safe(reason);
    return jdbc.sql(
            """
            insert into webhook_inbox (shop_id, platform, topic, delivery_key, business_key, order_id,
                payload, status, rejected_reason, rejected_body, received_at, next_attempt_at)
            values (?, ?, ?, ?, ?, ?, ?::jsonb, 'REJECTED', ?, ?, ?, ?)
            on conflict do nothing
            returning id
            """)
        .params(
            shopId,
            platform,
            topic,
            deliveryKey,
            WebhookKeys.rejected(topic, deliveryKey),
            orderId,
            write(java.util.Map.of("rejected", safeReason)),
            safeReason,
            rawBody,
            Timestamp.from(clock.instant()),
            Timestamp.from(clock.instant()))
        .query(Long.class)
        .optional();
  }

  /** Deliveries due for (another) dispatch attempt, oldest first. */
  List<Entry> due(int limit) {
    return jdbc.sql(
            """
            select i.id, s.domain, i.payload::text, i.attempts from webhook_inbox i join shop s on s.id = i.shop_id
            where i.status = 'PENDING' and i.next_attempt_at <= ?
            order by i.next_attempt_at limit ?
            """)
        .params(Timestamp.from(clock.instant()), limit)
        .query(
            (rs, n) ->
                new Entry(
                    rs.getLong(1),
                    rs.getString(2),
                    withInboxId(read(rs.getString(3)), rs.getLong(1)),
                    rs.getInt(4)))
        .list();
  }

  /** A rejected delivery as it arrived, for validating it again. */
  record RejectedRow(long id, String platform, String topic, String deliveryKey, byte[] body) {}

  Optional<RejectedRow> rejected(long shopId, long id) {
    return jdbc.sql(
            """
            select id, platform, topic, delivery_key, rejected_body from webhook_inbox
            where shop_id = ? and id = ? and status = 'REJECTED'
            """)
        .params(shopId, id)
        .query(
            (rs, n) ->
                new RejectedRow(
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getBytes(5)))
        .optional();
  }

  /** Still invalid when validated again: keeps the latest reason. */
  void stillRejected(long id, String reason) {
    jdbc.sql("update webhook_inbox set rejected_reason = ? where id = ? and status = 'REJECTED'")
        .params(io.pointsaga.attention.AttentionItems.safe(reason), id)
        .update();
  }

  /**
   * A rejected delivery that is valid now becomes a pending one, due at once. Throws {@link
   * org.springframework.dao.DuplicateKeyException} when its business event was recorded from
   * another delivery meanwhile.
   */
  boolean acceptRejected(long id, ParsedDelivery delivery) {
    return jdbc.sql(
                """
                update webhook_inbox set status = 'PENDING', business_key = ?, order_id = ?,
                    payload = ?::jsonb, rejected_reason = null, attempts = 0, next_attempt_at = ?
                where id = ? and status = 'REJECTED'
                """)
            .params(
                delivery.businessKey(),
                delivery.event().orderId(),
                write(delivery.event()),
                Timestamp.from(clock.instant()),
                id)
            .update()
        == 1;
  }

  /**
   * Hands a recorded delivery to the relay again (a retry from the attention queue): pending, no
   * attempts, due now. Empty when the shop has no such delivery or it was rejected.
   */
  Optional<Entry> again(long shopId, long id) {
    return jdbc.sql(
            """
            update webhook_inbox i set status = 'PENDING', attempts = 0, next_attempt_at = ?,
                last_error = null
            from shop s
            where s.id = i.shop_id and i.shop_id = ? and i.id = ? and i.status <> 'REJECTED'
            returning i.id, s.domain, i.payload::text
            """)
        .params(Timestamp.from(clock.instant()), shopId, id)
        .query(
            (rs, n) ->
                new Entry(
                    rs.getLong(1),
                    rs.getString(2),
                    withInboxId(read(rs.getString(3)), rs.getLong(1)),
                    0))
        .optional();
  }

  private static OrderEvent withInboxId(OrderEvent event, long inboxId) {
    return new ParsedDelivery(event, "inbox:" + inboxId).withInboxId(inboxId).event();
  }

  /** Claims a delivery for dispatch by pushing its next attempt back; false if someone else has. */
  boolean claim(long id, int seenAttempts, Duration lease) {
    return jdbc.sql(
                """
                update webhook_inbox set attempts = attempts + 1, next_attempt_at = ?
                where id = ? and status = 'PENDING' and attempts = ?
                """)
            .params(Timestamp.from(clock.instant().plus(lease)), id, seenAttempts)
            .update()
        == 1;
  }

  void dispatched(long id) {
    jdbc.sql(
            "update webhook_inbox set status = 'DISPATCHED', dispatched_at = ?, last_error = null where id = ?")
        .params(Timestamp.from(clock.instant()), id)
        .update();
  }

  /**
   * Dispatched deliveries their saga has not reported handled go back to PENDING, due now (see
   * {@link UnhandledDeliveries}).
   */
  int requeueUnhandled() {
    return jdbc.sql(
            """
            update webhook_inbox set status = 'PENDING', next_attempt_at = ?, dispatched_at = null
            where status = 'DISPATCHED' and handled_at is null
            """)
        .params(Timestamp.from(clock.instant()))
        .update();
  }

  void failed(long id, String error, Instant retryAt) {
    jdbc.sql("update webhook_inbox set last_error = ?, next_attempt_at = ? where id = ?")
        .params(error, Timestamp.from(retryAt), id)
        .update();
  }

  private String write(Object event) {
    try {
      return json.writeValueAsString(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private OrderEvent read(String payload) {
    try {
      return json.readValue(payload, OrderEvent.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable inbox payload: " + e.getMessage(), e);
    }
  }
}
