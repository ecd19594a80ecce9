package io.pointsaga.privacy;

import io.pointsaga.shop.Shop;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes every row of a shop (SPEC §9, Shopify's {@code shop/redact}), children first, in one
 * transaction with the shop's row locked first, so no webhook or request of the shop can write
 * while it goes. What stays is an {@code erased_shop} row (domain, platform, webhook secret, time)
 * so that a redelivered {@code shop/redact} can still be verified and answered 200.
 */
@Service
public class ShopErasure {
  /**
   * The shop's tables, each before the tables its foreign keys point to. A table added later with a
   * {@code shop_id} column and no children is swept after these by {@link #sweepOthers}; one with
   * children must be added here.
   */
  static final List<String> TABLES =
      List.of(
          "attention_item",
          "order_line",
          "order_event",
          "webhook_inbox",
          "customer_order",
          "activity_note",
          "redemption",
          "ledger_entry",
          "customer",
          "reward",
          "earning_rule",
          "shop_settings",
          "admin_token",
          "privacy_request");

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final Clock clock;

  public ShopErasure(JdbcClient jdbc, TransactionTemplate tx, Clock clock) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.clock = clock;
  }

  public ErasureResult erase(Shop shop) {
    return tx.execute(status -> eraseInTransaction(shop));
  }

  private ErasureResult eraseInTransaction(Shop shop) {
    Optional<Long> locked =
        jdbc.sql("select id from shop where id = ? for update")
            .param(shop.id())
            .query(Long.class)
            .optional();
    if (locked.isEmpty()) {
      return new ErasureResult(ErasureOutcome.NOTHING_HELD, shop.domain(), 0);
    }
    long deleted = 0;
    for (String table : TABLES) {
      deleted += deleteFrom(table, shop.id());
    }
    deleted += sweepOthers(shop.id());
    jdbc.sql(
            """
            insert into erased_shop (domain, platform, webhook_secret, erased_at)
            values (?, ?, ?, ?)
            on conflict (domain) do update set platform = excluded.platform,
                webhook_secret = excluded.webhook_secret, erased_at = excluded.erased_at
            """)
        .params(
            shop.domain(),
            shop.platform().name(),
            shop.webhookSecret(),
            Timestamp.from(clock.instant()))
        .update();
    deleted += jdbc.sql("delete from shop where id = ?").param(shop.id()).update();
    return new ErasureResult(ErasureOutcome.ERASED, shop.domain(), deleted);
  }

  /** Tables with a {@code shop_id} column that {@link #TABLES} does not name (added later). */
  private long sweepOthers(long shopId) {
    List<String> others =
        jdbc.sql(
                """
                select quote_ident(table_name) from information_schema.columns
                where table_schema = current_schema() and column_name = 'shop_id'
                  and table_name::text <> all (?::text[])
                order by table_name
                """)
            .param(TABLES.toArray(String[]::new))
            .query(String.class)
            .list();
    long deleted = 0;
    for (String table : others) {
      deleted += deleteFrom(table, shopId);
    }
    return deleted;
  }

  private int deleteFrom(String quotedTable, long shopId) {
    return jdbc.sql("delete from " + quotedTable + " where shop_id = ?").param(shopId).update();
  }

  /** The webhook secret of an erased shop, to verify a redelivered {@code shop/redact}. */
  public Optional<String> erasedShopSecret(String domain, String platform) {
    return jdbc.sql("select webhook_secret from erased_shop where domain = ? and platform = ?")
        .params(domain, platform)
        .query(String.class)
        .optional();
  }
}
