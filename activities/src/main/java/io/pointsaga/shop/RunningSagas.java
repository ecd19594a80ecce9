package io.pointsaga.shop;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The sagas of a shop that may be calling its platform now, found from the database (the Java test
 * server of the embedded mode has no visibility API to list workflows): what an uninstall tells to
 * stop (SPEC §9). A saga that ended meanwhile is in the lists too; telling it changes nothing.
 */
@Repository
public class RunningSagas {
  /**
   * A cancellation's platform steps give up after a day each (look up, then revoke); a saga
   * requested longer ago than this has ended.
   */
  static final Duration CANCELLATION_LIFETIME = Duration.ofDays(3);

  /**
   * An order saga's BigCommerce lookup retries for a day; its run ends ten minutes after its last
   * event. Deliveries older than this have no lookup left running.
   */
  static final Duration ORDER_LOOKUP_LIFETIME = Duration.ofDays(1).plusHours(1);

  /**
   * @param redemptionsBeingIssued redeem sagas: redemptions still PENDING
   * @param redemptionsBeingCancelled cancel sagas: cancellations requested recently, not refunded
   * @param ordersWithPlatformLookups order sagas: orders with recent BigCommerce deliveries (only
   *     those events need the platform; Shopify's carry the whole order)
   */
  public record OfShop(
      List<String> redemptionsBeingIssued,
      List<String> redemptionsBeingCancelled,
      List<String> ordersWithPlatformLookups) {
    public int size() {
      return redemptionsBeingIssued.size()
          + redemptionsBeingCancelled.size()
          + ordersWithPlatformLookups.size();
    }
  }

  private final JdbcClient jdbc;

  public RunningSagas(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public OfShop of(long shopId, Instant now) {
    List<String> issuing =
        jdbc.sql("select id from redemption where shop_id = ? and status = 'PENDING' order by id")
            .params(shopId)
            .query(String.class)
            .list();
    List<String> cancelling =
        jdbc.sql(
                """
                select id from redemption
                where shop_id = ? and cancellation_requested_at >= ? and refunded_at is null
                order by id
                """)
            .params(shopId, Timestamp.from(now.minus(CANCELLATION_LIFETIME)))
            .query(String.class)
            .list();
    List<String> orders =
        jdbc.sql(
                """
                select distinct order_id from webhook_inbox
                where shop_id = ? and received_at >= ? and platform = 'BIGCOMMERCE'
                  and status <> 'REJECTED'
                order by order_id
                """)
            .params(shopId, Timestamp.from(now.minus(ORDER_LOOKUP_LIFETIME)))
            .query(String.class)
            .list();
    return new OfShop(issuing, cancelling, orders);
  }
}
