package io.pointsaga.reconciliation;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reconciliation runs and each shop's cursor (V8). */
@Repository
public class ReconciliationRuns {
  private final JdbcClient jdbc;
  private final Clock clock;

  public ReconciliationRuns(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * Records the run as RUNNING, once: a repeat (activity retry) keeps the first row. Answers the
   * window start the run keeps for all its pages.
   */
  Instant begin(
      long shopId,
      String reconciliationId,
      ReconciliationTrigger trigger,
      String workflowId,
      Instant readFrom) {
    jdbc.sql(
            """
            insert into reconciliation_run (shop_id, reconciliation_id, workflow_id, trigger, status,
                read_from, started_at)
            values (?, ?, ?, ?, 'RUNNING', ?, ?)
            on conflict (shop_id, reconciliation_id) do nothing
            """)
        .params(
            shopId,
            reconciliationId,
            workflowId,
            trigger.name(),
            Timestamp.from(readFrom),
            Timestamp.from(clock.instant()))
        .update();
    return jdbc.sql(
            "select read_from from reconciliation_run where shop_id = ? and reconciliation_id = ?")
        .params(shopId, reconciliationId)
        .query(Timestamp.class)
        .single()
        .toInstant();
  }

  /** Ends a RUNNING run; false when it had ended already (a repeat changes nothing). */
  boolean finish(
      long shopId,
      String reconciliationId,
      ReconciliationStatus status,
      ReconciliationTotals totals,
      String problem) {
    return jdbc.sql(
                """
                update reconciliation_run set status = ?, finished_at = ?, orders_checked = ?,
                    events_recovered = ?, problem = ?
                where shop_id = ? and reconciliation_id = ? and status = 'RUNNING'
                """)
            .params(
                status.name(),
                Timestamp.from(clock.instant()),
                totals.ordersChecked(),
                totals.eventsRecovered(),
                problem,
                shopId,
                reconciliationId)
            .update()
        == 1;
  }

  /** The latest order change a completed run read; empty before the first. */
  Optional<Instant> cursor(long shopId) {
    return jdbc.sql("select read_through from reconciliation_cursor where shop_id = ?")
        .param(shopId)
        .query(Timestamp.class)
        .optional()
        .map(Timestamp::toInstant);
  }

  /** Moves the cursor to {@code readThrough}, never back. */
  void advanceCursor(long shopId, Instant readThrough) {
    jdbc.sql(
            """
            insert into reconciliation_cursor (shop_id, read_through, updated_at) values (?, ?, ?)
            on conflict (shop_id) do update
            set read_through = greatest(reconciliation_cursor.read_through, excluded.read_through),
                updated_at = excluded.updated_at
            """)
        .params(shopId, Timestamp.from(readThrough), Timestamp.from(clock.instant()))
        .update();
  }

  /** When the shop was installed: the window of its first run starts there. */
  Instant installedAt(long shopId) {
    return jdbc.sql("select created_at from shop where id = ?")
        .param(shopId)
        .query(Timestamp.class)
        .single()
        .toInstant();
  }

  /** The domains of the installed shops: each has a reconciliation saga. */
  public List<String> activeShopDomains() {
    return jdbc.sql("select domain from shop where status = 'ACTIVE' order by id")
        .query(String.class)
        .list();
  }

  /** The shop's runs, newest first. */
  public List<ReconciliationRun> newestFirst(long shopId, int limit) {
    return jdbc.sql(
            """
            select reconciliation_id, started_at, finished_at, status, orders_checked,
                events_recovered
            from reconciliation_run where shop_id = ?
            order by started_at desc, reconciliation_id desc limit ?
            """)
        .params(shopId, limit)
        .query(
            (rs, n) ->
                new ReconciliationRun(
                    rs.getString("reconciliation_id"),
                    rs.getTimestamp("started_at").toInstant(),
                    Optional.ofNullable(rs.getTimestamp("finished_at"))
                        .map(Timestamp::toInstant)
                        .orElse(null),
                    ReconciliationStatus.valueOf(rs.getString("status")),
                    rs.getInt("orders_checked"),
                    rs.getInt("events_recovered")))
        .list();
  }
}
