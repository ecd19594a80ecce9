package io.pointsaga.privacy;

import io.pointsaga.ledger.Ledger;
import io.pointsaga.ledger.LedgerEntry;
import io.pointsaga.redemption.Redemptions;
import java.sql.Array;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** Builds a customer's export from one consistent snapshot of the database. */
@Service
public class CustomerExports {
  private final JdbcClient jdbc;
  private final Ledger ledger;
  private final Redemptions redemptions;
  private final PrivacyRequests requests;
  private final TransactionTemplate snapshot;
  private final TransactionTemplate tx;
  private final Clock clock;

  public CustomerExports(
      JdbcClient jdbc,
      Ledger ledger,
      Redemptions redemptions,
      PrivacyRequests requests,
      PlatformTransactionManager transactions,
      Clock clock) {
    this.jdbc = jdbc;
    this.ledger = ledger;
    this.redemptions = redemptions;
    this.requests = requests;
    this.snapshot = new TransactionTemplate(transactions);
    this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    this.tx = new TransactionTemplate(transactions);
    this.clock = clock;
  }

  /**
   * The customer's export, and their open data requests marked complete; empty when nothing is held
   * about them (never seen, or redacted).
   */
  public Optional<CustomerExport> export(long shopId, String customerId) {
    CustomerExport export = snapshot.execute(status -> read(shopId, customerId));
    if (!export.holdsAnything()) {
      return Optional.empty();
    }
    tx.executeWithoutResult(status -> requests.completeDataRequests(shopId, customerId));
    return Optional.of(export);
  }

  private CustomerExport read(long shopId, String customerId) {
    List<LedgerEntry> entries =
        ledger.entries(shopId, customerId, Integer.MAX_VALUE).stream()
            .sorted(Comparator.comparingLong(LedgerEntry::id))
            .toList();
    List<CustomerExport.ExportedOrder> orders =
        jdbc.sql(
                """
                select * from customer_order where shop_id = ? and customer_id = ?
                order by created_at, order_id
                """)
            .params(shopId, customerId)
            .query(
                (rs, n) ->
                    new CustomerExport.ExportedOrder(
                        rs.getString("order_id"),
                        rs.getString("currency"),
                        rs.getBigDecimal("effective_spend"),
                        rs.getBigDecimal("refunded_amount"),
                        rs.getLong("points_earned"),
                        rs.getLong("points_held"),
                        rs.getString("status"),
                        strings(rs.getArray("discount_codes")),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("updated_at").toInstant()))
            .list();
    List<CustomerExport.ExportedNote> notes =
        jdbc.sql(
                """
                select * from activity_note where shop_id = ? and customer_id = ?
                order by created_at, id
                """)
            .params(shopId, customerId)
            .query(
                (rs, n) ->
                    new CustomerExport.ExportedNote(
                        rs.getString("kind"),
                        rs.getString("message"),
                        rs.getString("order_ref"),
                        rs.getString("redemption_ref"),
                        rs.getTimestamp("created_at").toInstant()))
            .list();
    return new CustomerExport(
        customerId,
        clock.instant(),
        ledger.findCustomer(shopId, customerId).orElse(null),
        entries,
        redemptions.ofCustomer(shopId, customerId),
        orders,
        notes);
  }

  private static List<String> strings(Array array) throws SQLException {
    return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
  }
}
