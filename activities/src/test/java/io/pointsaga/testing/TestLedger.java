package io.pointsaga.testing;

import io.pointsaga.ledger.Activity;
import io.pointsaga.ledger.Ledger;
import io.pointsaga.platform.PlatformKind;
import io.pointsaga.redemption.Redemptions;
import io.pointsaga.reward.Rewards;
import io.pointsaga.shop.Shop;
import io.pointsaga.shop.Shops;
import java.time.Clock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The activities module's storage classes wired by hand over a {@link TestDatabase}. */
public final class TestLedger {
  public final TestDatabase database;
  public final JdbcClient jdbc;
  public final TransactionTemplate tx;
  public final Clock clock;
  public final Ledger ledger;
  public final Shops shops;
  public final Rewards rewards;
  public final Redemptions redemptions;
  public final Activity activity;

  public TestLedger(Clock clock) {
    this.database = TestDatabase.create();
    this.jdbc = JdbcClient.create(database.dataSource());
    this.tx = new TransactionTemplate(new DataSourceTransactionManager(database.dataSource()));
    this.clock = clock;
    this.ledger = new Ledger(jdbc, tx, clock);
    this.shops = new Shops(jdbc);
    this.rewards = new Rewards(jdbc, clock);
    this.redemptions = new Redemptions(jdbc);
    this.activity = new Activity(jdbc, clock);
  }

  public TestLedger() {
    this(Clock.systemUTC());
  }

  public Shop shop(String domain, String apiBaseUrl) {
    return shops.upsert(
        domain, PlatformKind.SHOPIFY, apiBaseUrl, "shpat_test", "whsec_test", "USD");
  }
}
