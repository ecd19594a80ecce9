package io.pointsaga.ledger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The append-only points ledger (SPEC §2).
 *
 * <p>A posting locks the customer's row, so concurrent postings for one customer are applied one
 * after the other and none is lost; a repeated idempotency key returns the first entry. A posting
 * joins the caller's transaction when there is one, so a redemption and its debit commit together.
 *
 * <p>Arithmetic is overflow-checked: a posting whose points or resulting balance is beyond plus or
 * minus {@link LedgerLimits#MAX_BALANCE} is refused with {@link BalanceLimitException}, and the
 * database checks the same ranges and the balance chain again (migration V3).
 *
 * <p>Lock order: every writer of one customer takes that customer's row lock ({@link #lockBalance})
 * first, before any other write that touches the customer (a redemption row, whose foreign key
 * takes a share lock on the customer row, included); otherwise two writers each holding a share
 * lock and waiting to upgrade it deadlock.
 */
@Repository
public class Ledger {
  private static final RowMapper<LedgerEntry> ENTRY = Ledger::mapEntry;

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final ErasedCustomers erased;
  private final List<PostingObserver> observers;

  public Ledger(JdbcClient jdbc, TransactionTemplate tx, Clock clock) {
    this(jdbc, tx, clock, List.of());
  }

  /** {@code observers} hear of every applied posting (metrics), not of repeats. */
  @Autowired
  public Ledger(
      JdbcClient jdbc, TransactionTemplate tx, Clock clock, List<PostingObserver> observers) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.clock = clock;
    this.erased = new ErasedCustomers(jdbc);
    this.observers = List.copyOf(observers);
  }

  public PostingResult post(Posting posting) {
    return tx.execute(status -> postInTransaction(posting));
  }

  private PostingResult postInTransaction(Posting posting) {
    long balance = lockBalance(posting.shopId(), posting.customerId());
    Optional<LedgerEntry> earlier = findByKey(posting.shopId(), posting.idempotencyKey());
    if (earlier.isPresent()) {
      return new PostingResult(earlier.get(), false);
    }
    long balanceAfter = balanceAfter(posting, balance);
    if (posting.balanceRule() == BalanceRule.REQUIRE_SUFFICIENT && balanceAfter < 0) {
      throw new InsufficientPointsException(posting.customerId(), balance, -posting.points());
    }
    Instant now = clock.instant();
    Posting.References refs = posting.references();
    LedgerEntry entry =
        jdbc.sql(
                """
                insert into ledger_entry (shop_id, customer_id, points, kind, order_ref, refund_ref,
                    redemption_ref, idempotency_key, balance_after, expires_at, note, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                returning *
                """)
            .params(
                posting.shopId(),
                posting.customerId(),
                posting.points(),
                posting.kind().name(),
                refs.orderRef(),
                refs.refundRef(),
                refs.redemptionRef(),
                posting.idempotencyKey(),
                balanceAfter,
                timestamp(posting.expiresAt()),
                posting.note(),
                timestamp(now))
            .query(ENTRY)
            .single();
    jdbc.sql(
            "update customer set points_balance = ?, updated_at = ? where shop_id = ? and customer_id = ?")
        .params(balanceAfter, timestamp(now), posting.shopId(), posting.customerId())
        .update();
    observers.forEach(observer -> observer.applied(entry));
    return new PostingResult(entry, true);
  }

  /** The balance the posting leaves, or {@link BalanceLimitException} if it is out of range. */
  private static long balanceAfter(Posting posting, long balance) {
    long points = posting.points();
    if (!LedgerLimits.withinBalanceRange(points)) {
      throw new BalanceLimitException(posting.customerId(), balance, points);
    }
    long after;
    try {
      after = Math.addExact(balance, points);
    } catch (ArithmeticException overflow) {
      throw new BalanceLimitException(posting.customerId(), balance, points);
    }
    if (!LedgerLimits.withinBalanceRange(after)) {
      throw new BalanceLimitException(posting.customerId(), balance, points);
    }
    return after;
  }

  /**
   * The customer's balance, with their row locked until the transaction ends, so a decision taken
   * on it (e.g. clamping a clawback at zero) cannot race another posting. Creates the customer if
   * new. Refuses ({@link CustomerErasedException}) a customer id that a privacy redaction erased.
   */
  public long lockBalance(long shopId, String customerId) {
    ensureCustomer(shopId, customerId);
    Optional<Long> balance =
        jdbc.sql(
                "select points_balance from customer where shop_id = ? and customer_id = ? for update")
            .params(shopId, customerId)
            .query(Long.class)
            .optional();
    // With the row lock held, a redaction of this customer that held it before has committed, and
    // its tombstone is visible to this statement: a step in flight must not bring the old id back.
    // (No row: a redaction deleted it while this waited for the lock.)
    if (erased.isErased(shopId, customerId)) {
      throw new CustomerErasedException();
    }
    return balance.orElseThrow(
        () ->
            new IllegalStateException(
                "The customer's row disappeared while it was being locked; the shop may have"
                    + " been erased."));
  }

  /** Whether a privacy redaction erased this customer id of the shop (the ledger refuses it). */
  public boolean isErased(long shopId, String customerId) {
    return erased.isErased(shopId, customerId);
  }

  /**
   * Creates the customer with a zero balance if they are new (customers are created on first use).
   */
  public void ensureCustomer(long shopId, String customerId) {
    jdbc.sql(
            """
            insert into customer (shop_id, customer_id, created_at, updated_at) values (?, ?, ?, ?)
            on conflict do nothing
            """)
        .params(shopId, customerId, timestamp(clock.instant()), timestamp(clock.instant()))
        .update();
  }

  public Optional<LedgerEntry> findByKey(long shopId, String idempotencyKey) {
    return jdbc.sql("select * from ledger_entry where shop_id = ? and idempotency_key = ?")
        .params(shopId, idempotencyKey)
        .query(ENTRY)
        .optional();
  }

  public Optional<CustomerAccount> findCustomer(long shopId, String customerId) {
    return jdbc.sql("select * from customer where shop_id = ? and customer_id = ?")
        .params(shopId, customerId)
        .query(
            (rs, n) ->
                new CustomerAccount(
                    rs.getLong("shop_id"),
                    rs.getString("customer_id"),
                    rs.getLong("points_balance"),
                    rs.getString("vip_tier"),
                    rs.getTimestamp("created_at").toInstant()))
        .optional();
  }

  /** The customer's entries, newest first. */
  public List<LedgerEntry> entries(long shopId, String customerId, int limit) {
    return jdbc.sql(
            "select * from ledger_entry where shop_id = ? and customer_id = ? order by id desc limit ?")
        .params(shopId, customerId, limit)
        .query(ENTRY)
        .list();
  }

  /** The shop's entries, newest first. */
  public List<LedgerEntry> shopEntries(long shopId, int limit) {
    return jdbc.sql("select * from ledger_entry where shop_id = ? order by id desc limit ?")
        .params(shopId, limit)
        .query(ENTRY)
        .list();
  }

  /** Sum of the customer's entries: what the cached balance must always equal. */
  public long sumOfEntries(long shopId, String customerId) {
    return jdbc.sql(
            "select coalesce(sum(points), 0) from ledger_entry where shop_id = ? and customer_id = ?")
        .params(shopId, customerId)
        .query(Long.class)
        .single();
  }

  private static LedgerEntry mapEntry(ResultSet rs, int row) throws SQLException {
    Timestamp expires = rs.getTimestamp("expires_at");
    return new LedgerEntry(
        rs.getLong("id"),
        rs.getLong("shop_id"),
        rs.getString("customer_id"),
        rs.getLong("points"),
        EntryKind.valueOf(rs.getString("kind")),
        rs.getString("order_ref"),
        rs.getString("refund_ref"),
        rs.getString("redemption_ref"),
        rs.getString("idempotency_key"),
        rs.getLong("balance_after"),
        expires == null ? null : expires.toInstant(),
        rs.getString("note"),
        rs.getTimestamp("created_at").toInstant());
  }

  static Timestamp timestamp(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }
}
