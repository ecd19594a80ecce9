package io.pointsaga.order;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Orders as the ledger knows them, and the business events applied to each. */
@Repository
public class Orders {
  private final JdbcClient jdbc;

  public Orders(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public OrderState load(long shopId, String orderId) {
    Optional<OrderState> row =
        jdbc.sql("select * from customer_order where shop_id = ? and order_id = ?")
            .params(shopId, orderId)
            .query(
                (rs, n) ->
                    new OrderState(
                        rs.getString("order_id"),
                        rs.getString("customer_id"),
                        rs.getString("currency"),
                        rs.getBigDecimal("effective_spend"),
                        rs.getBigDecimal("refunded_amount"),
                        rs.getBigDecimal("awarded_rate"),
                        rs.getLong("points_earned"),
                        rs.getLong("points_held"),
                        OrderStatus.valueOf(rs.getString("status")),
                        strings(rs.getArray("discount_codes")),
                        null,
                        rs.getBigDecimal("shipping_total"),
                        rs.getBigDecimal("shipping_refunded"),
                        rs.getBoolean("lines_recorded")
                                || rs.getBigDecimal("effective_spend") == null
                            ? List.of()
                            : null,
                        rs.getLong("points_pending"),
                        instant(rs.getTimestamp("points_pending_until"))))
            .optional();
    List<String> applied =
        jdbc.sql("select event_key from order_event where shop_id = ? and order_id = ?")
            .params(shopId, orderId)
            .query(String.class)
            .list();
    OrderState state = row.orElseGet(() -> OrderState.unknown(orderId));
    List<OrderLineState> lines = state.lines() == null ? null : lines(shopId, orderId);
    return new OrderState(
        state.orderId(),
        state.customerId(),
        state.currency(),
        state.effectiveSpend(),
        state.refundedAmount(),
        state.awardedRate(),
        state.pointsEarned(),
        state.pointsHeld(),
        state.status(),
        state.discountCodes(),
        new HashSet<>(applied),
        state.shippingTotal(),
        state.shippingRefunded(),
        lines,
        state.pointsPending(),
        state.pendingUntil());
  }

  private List<OrderLineState> lines(long shopId, String orderId) {
    return jdbc.sql(
            """
            select line_item_id, amount_before_discounts, amount_after_discounts, amount_refunded,
                   quantity, quantity_edited
            from order_line
            where shop_id = ? and order_id = ? order by line_item_id
            """)
        .params(shopId, orderId)
        .query(
            (rs, n) ->
                new OrderLineState(
                    rs.getString("line_item_id"),
                    rs.getBigDecimal("amount_before_discounts"),
                    rs.getBigDecimal("amount_after_discounts"),
                    rs.getBigDecimal("amount_refunded"),
                    (Integer) rs.getObject("quantity"),
                    rs.getInt("quantity_edited")))
        .list();
  }

  /** Creates the row if missing and locks it until the transaction ends. */
  void lock(long shopId, String orderId) {
    jdbc.sql("insert into customer_order (shop_id, order_id) values (?, ?) on conflict do nothing")
        .params(shopId, orderId)
        .update();
    jdbc.sql("select 1 from customer_order where shop_id = ? and order_id = ? for update")
        .params(shopId, orderId)
        .query(Integer.class)
        .single();
  }

  boolean applied(long shopId, String orderId, String eventKey) {
    return jdbc.sql(
                "select count(*) from order_event where shop_id = ? and order_id = ? and event_key = ?")
            .params(shopId, orderId, eventKey)
            .query(Long.class)
            .single()
        > 0;
  }

  /** Records the event; false if it had been recorded before. */
  boolean recordEvent(
      long shopId, String orderId, String eventKey, long pointsDelta, String note, Instant at) {
    return jdbc.sql(
                """
                insert into order_event (shop_id, order_id, event_key, points_delta, note, applied_at)
                values (?, ?, ?, ?, ?, ?) on conflict do nothing
                """)
            .params(shopId, orderId, eventKey, pointsDelta, note, Timestamp.from(at))
            .update()
        == 1;
  }

  void save(long shopId, OrderState s, Instant at) {
    jdbc.sql(
            """
            update customer_order set customer_id = ?, currency = ?, effective_spend = ?,
                refunded_amount = ?, awarded_rate = ?, points_earned = ?, points_held = ?,
                status = ?, discount_codes = ?::text[], shipping_total = ?, shipping_refunded = ?,
                lines_recorded = ?, points_pending = ?, points_pending_until = ?, updated_at = ?
            where shop_id = ? and order_id = ?
            """)
        .params(
            s.customerId(),
            s.currency(),
            s.effectiveSpend(),
            s.refundedAmount(),
            s.awardedRate(),
            s.pointsEarned(),
            s.pointsHeld(),
            s.status().name(),
            "{" + String.join(",", s.discountCodes().stream().map(Orders::quote).toList()) + "}",
            s.shippingTotal(),
            s.shippingRefunded(),
            s.linesKnown(),
            s.pointsPending(),
            s.pendingUntil() == null ? null : Timestamp.from(s.pendingUntil()),
            Timestamp.from(at),
            shopId,
            s.orderId())
        .update();
    if (s.lines() != null) {
      for (OrderLineState line : s.lines()) {
        jdbc.sql(
                """
                insert into order_line (shop_id, order_id, line_item_id, amount_before_discounts,
                    amount_after_discounts, amount_refunded, quantity, quantity_edited)
                values (?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (shop_id, order_id, line_item_id) do update
                set amount_before_discounts = excluded.amount_before_discounts,
                    amount_after_discounts = excluded.amount_after_discounts,
                    amount_refunded = excluded.amount_refunded,
                    quantity = excluded.quantity,
                    quantity_edited = excluded.quantity_edited
                """)
            .params(
                shopId,
                s.orderId(),
                line.lineItemId(),
                line.amountBeforeDiscounts(),
                line.amountAfterDiscounts(),
                line.amountRefunded(),
                line.quantity(),
                line.quantityEdited())
            .update();
      }
    }
  }

  /** What a customer's orders that still count add up to, for VIP placement. */
  VipMetrics vipMetrics(long shopId, String customerId) {
    return jdbc.sql(
            """
            select coalesce(sum(points_held), 0),
                   coalesce(sum(effective_spend - refunded_amount), 0)
            from customer_order
            where shop_id = ? and customer_id = ? and status = 'OPEN' and effective_spend is not null
            """)
        .params(shopId, customerId)
        .query((rs, n) -> new VipMetrics(rs.getLong(1), rs.getBigDecimal(2)))
        .single();
  }

  /** Points earned on the customer's orders that still wait for their pending period to pass. */
  public long pendingPoints(long shopId, String customerId) {
    return jdbc.sql(
            """
            select coalesce(sum(points_pending), 0) from customer_order
            where shop_id = ? and customer_id = ? and points_pending > 0
            """)
        .params(shopId, customerId)
        .query(Long.class)
        .single();
  }

  record VipMetrics(long pointsHeld, java.math.BigDecimal revenue) {}

  private static String quote(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static Instant instant(Timestamp at) {
    return at == null ? null : at.toInstant();
  }

  private static List<String> strings(Array array) throws SQLException {
    return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
  }
}
