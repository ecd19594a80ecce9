package io.pointsaga.privacy;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The shop's privacy requests, each recorded once per request reference. */
@Repository
public class PrivacyRequests {
  private static final RowMapper<PrivacyRequest> REQUEST =
      (rs, n) -> {
        Timestamp completed = rs.getTimestamp("completed_at");
        return new PrivacyRequest(
            rs.getLong("id"),
            PrivacyRequestKind.valueOf(rs.getString("kind")),
            rs.getString("customer_id"),
            rs.getString("request_ref"),
            PrivacyRequestSource.valueOf(rs.getString("source")),
            rs.getTimestamp("received_at").toInstant(),
            completed == null ? null : completed.toInstant());
      };

  private final JdbcClient jdbc;
  private final Clock clock;

  public PrivacyRequests(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * Records the request; a repeat of the same (kind, reference) changes nothing and answers the
   * first record.
   *
   * @param completed whether the request is done as it is recorded (a redaction)
   */
  public PrivacyRequest record(
      long shopId,
      PrivacyRequestKind kind,
      String customerId,
      String requestRef,
      PrivacyRequestSource source,
      boolean completed) {
    Instant now = clock.instant();
    jdbc.sql(
            """
            insert into privacy_request (shop_id, kind, customer_id, request_ref, source,
                received_at, completed_at)
            values (?, ?, ?, ?, ?, ?, ?)
            on conflict (shop_id, kind, request_ref) do nothing
            """)
        .params(
            shopId,
            kind.name(),
            customerId,
            requestRef,
            source.name(),
            Timestamp.from(now),
            completed ? Timestamp.from(now) : null)
        .update();
    return jdbc.sql(
            "select * from privacy_request where shop_id = ? and kind = ? and request_ref = ?")
        .params(shopId, kind.name(), requestRef)
        .query(REQUEST)
        .single();
  }

  /** The shop's requests, newest first. */
  public List<PrivacyRequest> ofShop(long shopId, int limit) {
    return jdbc.sql(
            "select * from privacy_request where shop_id = ? order by received_at desc, id desc limit ?")
        .params(shopId, limit)
        .query(REQUEST)
        .list();
  }

  /** Closes the customer's open data requests: their export was served. */
  public int completeDataRequests(long shopId, String customerId) {
    return jdbc.sql(
            """
            update privacy_request set completed_at = ?
            where shop_id = ? and customer_id = ? and kind = 'DATA_REQUEST' and completed_at is null
            """)
        .params(Timestamp.from(clock.instant()), shopId, customerId)
        .update();
  }
}
