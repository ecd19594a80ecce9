package io.pointsaga.reconciliation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pointsaga.platform.PlatformKind;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Hands recovered events to the order sagas the way webhooks reach them: through the webhook inbox,
 * under the webhook's business key, so the relay dispatches them and a webhook of the same event
 * (before or after) is a duplicate. An event the order saga has applied already (e.g. a refund it
 * took from an orders/updated) is not handed over again.
 */
@Repository
class ReconciliationInbox {
  private final JdbcClient jdbc;
  private final ObjectMapper json;
  private final Clock clock;

  ReconciliationInbox(JdbcClient jdbc, ObjectMapper json, Clock clock) {
    this.jdbc = jdbc;
    this.json = json;
    this.clock = clock;
  }

  /**
   * Records the events not applied and not in the inbox; answers how many it recorded. The events
   * of one order become due one microsecond apart, in the order given.
   */
  int handOver(long shopId, PlatformKind platform, List<RecoveredEvent> events) {
    Instant now = clock.instant();
    int recorded = 0;
    for (int i = 0; i < events.size(); i++) {
      RecoveredEvent recovered = events.get(i);
      if (applied(shopId, recovered)) {
        continue;
      }
      recorded +=
          jdbc.sql(
                  """
                  insert into webhook_inbox (shop_id, platform, topic, delivery_key, business_key,
                      order_id, payload, received_at, next_attempt_at)
                  values (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)
                  on conflict do nothing
                  """)
              .params(
                  shopId,
                  platform.name(),
                  recovered.topic(),
                  recovered.businessKey(),
                  recovered.businessKey(),
                  recovered.event().orderId(),
                  write(recovered),
                  Timestamp.from(now),
                  Timestamp.from(now.plusNanos(1_000L * i)))
              .update();
    }
    return recorded;
  }

  private boolean applied(long shopId, RecoveredEvent recovered) {
    return jdbc.sql(
            "select 1 from order_event where shop_id = ? and order_id = ? and event_key = ?")
        .params(shopId, recovered.event().orderId(), recovered.event().eventKey())
        .query(Integer.class)
        .optional()
        .isPresent();
  }

  private String write(RecoveredEvent recovered) {
    try {
      return json.writeValueAsString(recovered.event());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an order event could not be written as JSON", e);
    }
  }
}
