package io.pointsaga.privacy;

import io.pointsaga.ledger.ErasedCustomers;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Erases a customer's personal data (SPEC §9) and keeps the ledger's sums: every row that names the
 * customer is moved to a fresh {@link Pseudonyms pseudonym}, in one transaction.
 *
 * <p>Steps, the customer's row locked first (the lock order of every writer, see {@code Ledger}):
 * the pseudonym's customer row is inserted with the same balance, tier and creation time; ledger
 * entries, redemptions, orders, notes and privacy requests are moved to it (the entries' points,
 * balances and shop never change, so the immutability trigger allows it, and the chain continues as
 * before); texts naming the old id are rewritten; the old row is deleted. The deferred balance
 * check then finds the pseudonym's balance equal to its last entry. A tombstone ({@link
 * ErasedCustomers}, a hash of the old id) makes the ledger refuse the old id afterwards, so a saga
 * step that was in flight cannot recreate it.
 *
 * <p>What names the customer, and how it is rewritten:
 *
 * <ul>
 *   <li>{@code customer}, {@code ledger_entry}, {@code redemption}, {@code customer_order}, {@code
 *       activity_note}, {@code privacy_request}: the {@code customer_id} column;
 *   <li>ledger entry notes, redemption reasons, notes, order events' notes, attention items of the
 *       customer's orders, rejected deliveries' reasons: the old id as a whole word;
 *   <li>idempotency keys built from the id ({@code adjustment:<len>:<id>:}, {@code vip:<id>:}): the
 *       same shape with the pseudonym;
 *   <li>the webhook inbox's recorded events: the order's {@code customerId} field.
 * </ul>
 *
 * <p>Not reachable from here: Temporal's workflow histories and search attributes of sagas that ran
 * for the customer (removed by the namespace's retention), and the platform's own records.
 */
@Service
public class CustomerRedaction {
  /** Characters that continue a word, a number or an id ('.' and ':' only before one of these). */
  private static final String WORD = "A-Za-z0-9_@-"; // '-' last: a character, not a range

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final ErasedCustomers erasedCustomers;

  public CustomerRedaction(JdbcClient jdbc, TransactionTemplate tx, Clock clock) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.clock = clock;
    this.erasedCustomers = new ErasedCustomers(jdbc);
  }

  public RedactionResult redact(long shopId, String customerId) {
    if (Pseudonyms.isPseudonym(customerId)) {
      return RedactionResult.nothingHeld(); // already a pseudonym: nothing personal to erase
    }
    return tx.execute(status -> redactInTransaction(shopId, customerId));
  }

  private RedactionResult redactInTransaction(long shopId, String old) {
    Instant now = clock.instant();
    // The customer's row first, as every writer: inserting it when absent waits for a writer that
    // is creating it right now (and then finds its row), and makes a writer that comes later wait
    // for this transaction, after which it sees the tombstone and is refused.
    boolean held =
        jdbc.sql(
                    """
                    insert into customer (shop_id, customer_id, created_at, updated_at)
                    values (?, ?, ?, ?) on conflict do nothing
                    """)
                .params(shopId, old, Timestamp.from(now), Timestamp.from(now))
                .update()
            == 0;
    Optional<Long> balance =
        held
            ? jdbc.sql(
                    "select points_balance from customer where shop_id = ? and customer_id = ? for update")
                .params(shopId, old)
                .query(Long.class)
                .optional()
            : Optional.empty();
    erasedCustomers.record(shopId, old, now);
    if (balance.isEmpty() && !namedElsewhere(shopId, old)) {
      deleteCustomerRow(shopId, old);
      return RedactionResult.nothingHeld();
    }
    String pseudonym = Pseudonyms.next();
    String pattern = wholeWord(old);
    if (balance.isPresent()) {
      jdbc.sql(
              """
              insert into customer (shop_id, customer_id, points_balance, vip_tier, created_at,
                  updated_at)
              select shop_id, ?, points_balance, vip_tier, created_at, ?
              from customer where shop_id = ? and customer_id = ?
              """)
          .params(pseudonym, Timestamp.from(now), shopId, old)
          .update();
    }
    // Texts of the customer's orders and redemptions are found through these two lists, taken
    // before the rows move.
    String ordersOf =
        "select order_id from customer_order where shop_id = :shop and customer_id = :old";
    String redemptionsOf = "select id from redemption where shop_id = :shop and customer_id = :old";
    update(
        """
        update activity_note set
            message = regexp_replace(message, :pattern, :pseudonym, 'g'),
            idempotency_key = case
                when idempotency_key like :vipKey then :newVipKey || substr(idempotency_key, :vipKeyEnd)
                else idempotency_key end,
            customer_id = case when customer_id = :old then :pseudonym else customer_id end
        where shop_id = :shop and (customer_id = :old or order_ref in (%s) or redemption_ref in (%s))
        """
            .formatted(ordersOf, redemptionsOf),
        shopId,
        old,
        pseudonym,
        pattern);
    update(
        """
        update order_event set note = regexp_replace(note, :pattern, :pseudonym, 'g')
        where shop_id = :shop and order_id in (%s) and note is not null
        """
            .formatted(ordersOf),
        shopId,
        old,
        pseudonym,
        pattern);
    update(
        """
        update attention_item set
            subject = regexp_replace(subject, :pattern, :pseudonym, 'g'),
            problem = regexp_replace(problem, :pattern, :pseudonym, 'g')
        where shop_id = :shop and order_id in (%s)
        """
            .formatted(ordersOf),
        shopId,
        old,
        pseudonym,
        pattern);
    update(
        """
        update webhook_inbox set
            payload = case
                when payload #>> '{order,customerId}' = :old
                    then jsonb_set(payload, '{order,customerId}', to_jsonb(cast(:pseudonym as text)))
                when status = 'REJECTED' then jsonb_build_object('rejected',
                    regexp_replace(rejected_reason, :pattern, :pseudonym, 'g'))
                else payload end,
            rejected_reason = regexp_replace(rejected_reason, :pattern, :pseudonym, 'g'),
            last_error = regexp_replace(last_error, :pattern, :pseudonym, 'g')
        where shop_id = :shop
          and (payload #>> '{order,customerId}' = :old or order_id in (%s))
        """
            .formatted(ordersOf),
        shopId,
        old,
        pseudonym,
        pattern);
    update(
        "update customer_order set customer_id = :pseudonym where shop_id = :shop and customer_id = :old",
        shopId,
        old,
        pseudonym,
        pattern);
    update(
        """
        update redemption set customer_id = :pseudonym,
            status_reason = regexp_replace(status_reason, :pattern, :pseudonym, 'g')
        where shop_id = :shop and customer_id = :old
        """,
        shopId,
        old,
        pseudonym,
        pattern);
    int entries =
        update(
            """
            update ledger_entry set customer_id = :pseudonym,
                note = regexp_replace(note, :pattern, :pseudonym, 'g'),
                idempotency_key = case
                    when idempotency_key like :adjustmentKey
                        then :newAdjustmentKey || substr(idempotency_key, :adjustmentKeyEnd)
                    else idempotency_key end
            where shop_id = :shop and customer_id = :old
            """,
            shopId,
            old,
            pseudonym,
            pattern);
    update(
        "update privacy_request set customer_id = :pseudonym where shop_id = :shop and customer_id = :old",
        shopId,
        old,
        pseudonym,
        pattern);
    deleteCustomerRow(shopId, old);
    return new RedactionResult(RedactionOutcome.REDACTED, pseudonym, balance.orElse(0L), entries);
  }

  private void deleteCustomerRow(long shopId, String customerId) {
    jdbc.sql("delete from customer where shop_id = ? and customer_id = ?")
        .params(shopId, customerId)
        .update();
  }

  /** Rows that name the customer although they have no customer row (orders without points). */
  private boolean namedElsewhere(long shopId, String old) {
    return jdbc.sql(
            """
            select exists (select 1 from customer_order where shop_id = :shop and customer_id = :old)
                or exists (select 1 from activity_note where shop_id = :shop and customer_id = :old)
                or exists (select 1 from privacy_request where shop_id = :shop and customer_id = :old)
            """)
        .param("shop", shopId)
        .param("old", old)
        .query(Boolean.class)
        .single();
  }

  private int update(String sql, long shopId, String old, String pseudonym, String pattern) {
    var statement =
        jdbc.sql(sql)
            .param("shop", shopId)
            .param("old", old)
            .param("pseudonym", pseudonym)
            .param("pattern", pattern);
    if (sql.contains(":vipKey")) {
      String vipKey = "vip:" + old + ":";
      statement =
          statement
              .param("vipKey", likePrefix(vipKey))
              .param("newVipKey", "vip:" + pseudonym + ":")
              .param("vipKeyEnd", vipKey.length() + 1);
    }
    if (sql.contains(":adjustmentKey")) {
      // IdempotencyKeys.adjustment: adjustment:<length of id>:<id>:<client key>
      String adjustmentKey = "adjustment:" + old.length() + ":" + old + ":";
      statement =
          statement
              .param("adjustmentKey", likePrefix(adjustmentKey))
              .param("newAdjustmentKey", "adjustment:" + pseudonym.length() + ":" + pseudonym + ":")
              .param("adjustmentKeyEnd", adjustmentKey.length() + 1);
    }
    return statement.update();
  }

  /** A LIKE pattern matching strings that start with {@code prefix} literally. */
  private static String likePrefix(String prefix) {
    return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
  }

  /**
   * A PostgreSQL regular expression matching {@code id} as a whole word: not preceded by a
   * character an id, a number or a key could continue with, nor followed by one (a '.' or ':'
   * ending a sentence does not continue it: "customer 1001." is rewritten, "1001.50" is not).
   */
  static String wholeWord(String id) {
    StringBuilder quoted = new StringBuilder();
    for (char c : id.toCharArray()) {
      if (!Character.isLetterOrDigit(c)) {
        quoted.append('\\');
      }
      quoted.append(c);
    }
    return "(?<![.:" + WORD + "])" + quoted + "(?![" + WORD + "]|[.:][" + WORD + "])";
  }
}
