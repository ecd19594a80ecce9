package io.pointsaga.reconciliation;

import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reconciliation steps in memory: a platform of scripted pages (and scripted failures), runs and a
 * cursor kept as the database would keep them.
 */
class FakeReconciliation implements ReconciliationActivities {
  static final Instant INSTALLED = Instant.parse("2026-11-30T08:00:00Z");

  /** A recorded run. */
  record Run(
      String id,
      ReconciliationTrigger trigger,
      Instant readFrom,
      ReconciliationStatus status,
      ReconciliationTotals totals,
      String problem,
      String workflowId) {}

  final List<Run> runs = new CopyOnWriteArrayList<>();
  final AtomicReference<Instant> cursor = new AtomicReference<>();
  volatile boolean installed = true;
  volatile Duration every = Duration.ofMinutes(15);

  /** Each read of a page takes the next script entry; when none is left, one empty page. */
  final Deque<ReconciliationPage> pages = new ConcurrentLinkedDeque<>();

  /** Non-null: every read of a page throws it. */
  volatile ApplicationFailure platformFailure;

  final List<String> pagesAskedFor = new CopyOnWriteArrayList<>();

  @Override
  public ReconciliationSchedule schedule(String shopDomain) {
    return new ReconciliationSchedule(installed, every);
  }

  @Override
  public synchronized Instant begin(
      String shopDomain,
      String reconciliationId,
      ReconciliationTrigger trigger,
      String workflowId) {
    Instant from =
        (cursor.get() == null ? INSTALLED : cursor.get())
            .minus(ReconciliationActivitiesImpl.OVERLAP);
    runs.add(
        new Run(
            reconciliationId,
            trigger,
            from,
            ReconciliationStatus.RUNNING,
            ReconciliationTotals.none(),
            null,
            workflowId));
    return from;
  }

  @Override
  public ReconciliationPage readPage(String shopDomain, Instant readFrom, String page) {
    pagesAskedFor.add(page == null ? "first" : page);
    if (platformFailure != null) {
      throw platformFailure;
    }
    ReconciliationPage next = pages.poll();
    return next != null ? next : new ReconciliationPage(0, 0, null, null);
  }

  @Override
  public synchronized void complete(
      String shopDomain, String reconciliationId, ReconciliationTotals totals) {
    finish(reconciliationId, ReconciliationStatus.COMPLETED, totals, null);
    if (totals.latestChange() != null
        && (cursor.get() == null || totals.latestChange().isAfter(cursor.get()))) {
      cursor.set(totals.latestChange());
    }
  }

  @Override
  public synchronized void fail(
      String shopDomain,
      String reconciliationId,
      String workflowId,
      ReconciliationTotals totals,
      String problem) {
    finish(reconciliationId, ReconciliationStatus.FAILED, totals, problem);
  }

  private void finish(
      String id, ReconciliationStatus status, ReconciliationTotals totals, String problem) {
    for (int i = 0; i < runs.size(); i++) {
      Run run = runs.get(i);
      if (run.id().equals(id) && run.status() == ReconciliationStatus.RUNNING) {
        runs.set(
            i,
            new Run(id, run.trigger(), run.readFrom(), status, totals, problem, run.workflowId()));
      }
    }
  }

  List<Run> finished() {
    List<Run> done = new ArrayList<>();
    for (Run run : runs) {
      if (run.status() != ReconciliationStatus.RUNNING) {
        done.add(run);
      }
    }
    return done;
  }
}
