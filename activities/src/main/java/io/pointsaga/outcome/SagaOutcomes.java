package io.pointsaga.outcome;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pointsaga.metrics.BusinessSeries;
import java.sql.Timestamp;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Saga outcomes, written once per run ({@code saga_outcome}, keyed by workflow id and run id). The
 * first write of a run, and only it, is counted in {@code pointsaga_cancellations_total{outcome}}
 * and logged as one INFO line, after its transaction committed.
 */
@Repository
public class SagaOutcomes {
  private static final Logger log = LoggerFactory.getLogger(SagaOutcomes.class);

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final MeterRegistry registry;

  public SagaOutcomes(
      JdbcClient jdbc, TransactionTemplate tx, Clock clock, MeterRegistry registry) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.clock = clock;
    this.registry = registry;
  }

  /** Records the run's end; false (and nothing counted) when this run was recorded before. */
  public boolean record(SagaEnded ended) {
    Boolean first =
        tx.execute(
            status -> {
              boolean inserted =
                  jdbc.sql(
                              """
                              insert into saga_outcome (workflow_id, run_id, shop_id, saga, subject,
                                  outcome, recorded_at)
                              values (?, ?, ?, ?, ?, ?, ?)
                              on conflict (workflow_id, run_id) do nothing
                              """)
                          .params(
                              ended.workflowId(),
                              ended.runId(),
                              ended.shopId(),
                              ended.saga().name(),
                              ended.subject(),
                              ended.outcome(),
                              Timestamp.from(clock.instant()))
                          .update()
                      == 1;
              if (inserted) {
                TransactionSynchronizationManager.registerSynchronization(
                    new TransactionSynchronization() {
                      @Override
                      public void afterCommit() {
                        announce(ended);
                      }
                    });
              }
              return inserted;
            });
    return Boolean.TRUE.equals(first);
  }

  private void announce(SagaEnded ended) {
    if (ended.saga() == SagaKind.CANCEL_REDEMPTION) {
      countCancellation(ended.outcome());
    }
    log.info(
        "saga {} ended: shop={} {} outcome={} workflowId={}",
        ended.saga(),
        ended.shopDomain(),
        ended.subject(),
        ended.outcome(),
        ended.workflowId());
  }

  private void countCancellation(String outcome) {
    Counter.builder(BusinessSeries.CANCELLATIONS)
        .description("Cancellation sagas ended, by outcome")
        .tag("outcome", outcome)
        .register(registry)
        .increment();
  }
}
