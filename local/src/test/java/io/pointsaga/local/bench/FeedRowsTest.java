package io.pointsaga.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.pointsaga.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

class FeedRowsTest {

  @Test
  void theArithmeticIsTheChainWalkedOneEntryAtATime() {
    for (int customers : new int[] {1, 2, 3, 7, 100}) {
      for (long entries : new long[] {0, 1, 5, 99, 250}) {
        long[] balances = new long[customers];
        for (long g = 0; g < entries; g++) {
          int k = (int) (g % customers);
          balances[k] += FeedRows.POINTS;
          assertThat(FeedRows.balanceAfter(g, customers))
              .as("entry %d of %d customers", g, customers)
              .isEqualTo(balances[k]);
        }
        for (int k = 0; k < customers; k++) {
          assertThat(FeedRows.balanceOf(k, entries, customers))
              .as("customer %d of %d after %d entries", k, customers, entries)
              .isEqualTo(balances[k]);
        }
      }
    }
  }

  @Test
  void rowsWrittenInSeveralBatchesPassTheLedgerTriggersAndMatchTheCachedBalances() {
    TestDatabase database = TestDatabase.create();
    JdbcClient jdbc = JdbcClient.create(database.dataSource());
    TransactionTemplate transactions =
        new TransactionTemplate(new DataSourceTransactionManager(database.dataSource()));
    long shop =
        jdbc.sql(
                """
                insert into shop (domain, platform, api_base_url, api_access_token, webhook_secret)
                values ('feed.myshopify.com', 'SHOPIFY', 'http://127.0.0.1:9', 't', 's')
                returning id
                """)
            .query(Long.class)
            .single();

    new FeedRows(jdbc, transactions, 7).fill(shop, "c", 3, 40);

    List<Map<String, Object>> customers =
        jdbc.sql(
                """
                select c.customer_id, c.points_balance, sum(e.points) as total, count(*) as n
                  from customer c join ledger_entry e using (shop_id, customer_id)
                 where c.shop_id = ? group by c.customer_id, c.points_balance
                 order by c.customer_id
                """)
            .param(shop)
            .query()
            .listOfRows();
    assertThat(customers).hasSize(3);
    for (int k = 0; k < 3; k++) {
      Map<String, Object> row = customers.get(k);
      assertThat(row.get("customer_id")).isEqualTo("c" + k);
      assertThat(((Number) row.get("points_balance")).longValue())
          .isEqualTo(((Number) row.get("total")).longValue())
          .isEqualTo(FeedRows.balanceOf(k, 40, 3));
    }
    assertThat(
            jdbc.sql(
                    """
                    select bool_and(created_at < now()) and count(distinct created_at) = 40
                      from ledger_entry where shop_id = ?
                    """)
                .param(shop)
                .query(Boolean.class)
                .single())
        .as("40 distinct instants in the past")
        .isTrue();
  }
}
