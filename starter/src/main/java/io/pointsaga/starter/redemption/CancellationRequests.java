package io.pointsaga.starter.redemption;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pointsaga.redemption.CancellationResult;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The cancellations admins asked for, kept until their saga ended, so that a restart whose Temporal
 * server lost its workflows (the embedded mode's in-memory server) can start the open ones again.
 */
@Repository
class CancellationRequests {
  private final JdbcClient jdbc;
  private final Clock clock;
  private final ObjectMapper json;

  CancellationRequests(JdbcClient jdbc, Clock clock, ObjectMapper json) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.json = json;
  }

  /** An open cancellation, with what its saga's start needs. */
  record Open(
      String shopDomain,
      String redemptionId,
      boolean refundPointsAnyway,
      String customerId,
      String couponCode) {}

  /**
   * Records the request; while an earlier one is still open it stays as it is (its saga runs, and a
   * second request joins it).
   */
  void requested(String shopDomain, String redemptionId, boolean refundPointsAnyway) {
    jdbc.sql(
            """
            insert into cancellation_request (shop_id, redemption_id, refund_points_anyway, requested_at)
            select id, ?, ?, ? from shop where domain = ?
            on conflict (shop_id, redemption_id) do update
                set refund_points_anyway = excluded.refund_points_anyway,
                    requested_at = excluded.requested_at, finished_at = null
                where cancellation_request.finished_at is not null
            """)
        .params(redemptionId, refundPointsAnyway, Timestamp.from(clock.instant()), shopDomain)
        .update();
  }

  /** Closes the request, keeping the saga's result when it ended with one (else null). */
  void finished(String shopDomain, String redemptionId, CancellationResult result) {
    jdbc.sql(
            """
            update cancellation_request set finished_at = ?, result = ?::jsonb
            where redemption_id = ? and finished_at is null
              and shop_id = (select id from shop where domain = ?)
            """)
        .params(Timestamp.from(clock.instant()), write(result), redemptionId, shopDomain)
        .update();
  }

  /**
   * The result of the last cancellation of the redemption that ended with one: what a restarted
   * in-memory Temporal server no longer knows.
   */
  Optional<CancellationResult> lastResult(String shopDomain, String redemptionId) {
    return jdbc.sql(
            """
            select c.result::text from cancellation_request c join shop s on s.id = c.shop_id
            where s.domain = ? and c.redemption_id = ? and c.result is not null
            """)
        .params(shopDomain, redemptionId)
        .query(String.class)
        .optional()
        .map(this::read);
  }

  private String write(CancellationResult result) {
    if (result == null) {
      return null;
    }
    try {
      return json.writeValueAsString(result);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot store the result of a cancellation", e);
    }
  }

  private CancellationResult read(String stored) {
    try {
      return json.readValue(stored, CancellationResult.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable stored cancellation result", e);
    }
  }

  /** The open requests, oldest first. */
  List<Open> open() {
    return jdbc.sql(
            """
            select s.domain, c.redemption_id, c.refund_points_anyway, r.customer_id, r.coupon_code
            from cancellation_request c
            join shop s on s.id = c.shop_id
            join redemption r on r.id = c.redemption_id and r.shop_id = c.shop_id
            where c.finished_at is null
            order by c.requested_at
            """)
        .query(
            (rs, n) ->
                new Open(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getBoolean(3),
                    rs.getString(4),
                    rs.getString(5)))
        .list();
  }
}
