package io.pointsaga;

import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The activities module's beans: ledger, shops, rewards, redemptions and platform adapters.
 * Imported by the worker, the starter and the embedded app.
 */
@Configuration
@ComponentScan(
    basePackages = {
      "io.pointsaga.ledger",
      "io.pointsaga.shop",
      "io.pointsaga.reward",
      "io.pointsaga.earning",
      "io.pointsaga.redemption",
      "io.pointsaga.platform",
      "io.pointsaga.settings",
      "io.pointsaga.order",
      "io.pointsaga.failure",
      "io.pointsaga.attention",
      "io.pointsaga.privacy",
      "io.pointsaga.metrics",
      "io.pointsaga.outcome",
      "io.pointsaga.reconciliation"
    })
public class ActivitiesConfiguration {

  @Bean
  @ConditionalOnMissingBean
  Clock clock() {
    // PostgreSQL keeps microseconds: a clock that ticks in microseconds makes what the API
    // answers right after a write equal to what it reads back later.
    return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
  }

  @Bean
  @ConditionalOnMissingBean
  JdbcClient jdbcClient(DataSource dataSource) {
    return JdbcClient.create(dataSource);
  }

  @Bean
  @ConditionalOnMissingBean
  TransactionTemplate transactionTemplate(PlatformTransactionManager transactionManager) {
    return new TransactionTemplate(transactionManager);
  }
}
