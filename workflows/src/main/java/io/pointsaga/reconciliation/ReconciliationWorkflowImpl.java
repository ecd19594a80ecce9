package io.pointsaga.reconciliation;

import io.pointsaga.redemption.FailureText;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;

public class ReconciliationWorkflowImpl implements ReconciliationWorkflow {
  private static final Logger log = Workflow.getLogger(ReconciliationWorkflowImpl.class);

  /** Beyond this many history events the saga continues as new between two runs. */
  static final int HISTORY_LIMIT = 1_000;

  /**
   * How long one page may keep failing before the run gives up and ends FAILED: 5xx, timeouts and
   * 429 (after the platform's Retry-After) are retried with backoff until then; a rejected token at
   * once.
   */
  static final Duration PAGE_RETRIES_FOR = Duration.ofMinutes(10);

  private static final ActivityOptions PLATFORM =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(2))
          .setScheduleToCloseTimeout(PAGE_RETRIES_FOR)
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setBackoffCoefficient(2)
                  .setMaximumInterval(Duration.ofMinutes(1))
                  .build())
          .build();

  /** Short database steps, run in the workflow's worker. */
  private static final LocalActivityOptions DATABASE =
      LocalActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(15))
          .setScheduleToCloseTimeout(Duration.ofHours(1))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setBackoffCoefficient(2)
                  .setMaximumInterval(Duration.ofMinutes(1))
                  .build())
          .build();

  private final Set<String> requested = new LinkedHashSet<>();
  private String shopDomain;
  private String phase = "STARTING";
  private String reconciliationId;
  private ReconciliationStatus lastStatus;
  private ReconciliationTotals totals = ReconciliationTotals.none();
  private long nextRunAtMillis;
  private int scheduledRuns;

  @Override
  public void runNow(String reconciliationId) {
    if (reconciliationId != null && !reconciliationId.isBlank()) {
      requested.add(reconciliationId);
    }
  }

  @Override
  public ReconciliationState state() {
    return new ReconciliationState(
        shopDomain,
        phase,
        reconciliationId,
        lastStatus,
        totals.ordersChecked(),
        totals.eventsRecovered(),
        nextRunAtMillis,
        List.copyOf(requested));
  }

  @Override
  public void run(ReconciliationSagaInput input) {
    shopDomain = input.shopDomain();
    requested.addAll(input.requested());
    ReconciliationSchedule schedule =
        database("Read the shop's reconciliation interval").schedule(shopDomain);
    // At start-up: reconcile at once, unless started to run one asked for (signal-with-start,
    // handled by now), which then is that first run.
    if (input.runAtOnce() && requested.isEmpty() && schedule.shopInstalled()) {
      reconcile(scheduledId(), ReconciliationTrigger.SCHEDULED);
    }
    while (schedule.shopInstalled()) {
      if (requested.isEmpty()) {
        sleep(schedule.every());
      }
      schedule = database("Read the shop's reconciliation interval").schedule(shopDomain);
      if (!schedule.shopInstalled()) {
        break;
      }
      String id;
      ReconciliationTrigger trigger;
      if (requested.isEmpty()) {
        id = scheduledId();
        trigger = ReconciliationTrigger.SCHEDULED;
      } else {
        id = requested.iterator().next();
        requested.remove(id);
        trigger = ReconciliationTrigger.MANUAL;
      }
      reconcile(id, trigger);
      if (Workflow.getInfo().getHistoryLength() > historyLimit()) {
        Workflow.continueAsNew(
            new ReconciliationSagaInput(shopDomain, new ArrayList<>(requested), false));
      }
    }
    phase = "ENDED";
    Workflow.setCurrentDetails(
        "Shop " + shopDomain + " is no longer installed: nothing to reconcile.");
    log.info("reconciliation of shop {} ends: the shop is no longer installed", shopDomain);
  }

  /** {@link #HISTORY_LIMIT}; a test subclass lowers it to reach continue-as-new in a few runs. */
  int historyLimit() {
    return HISTORY_LIMIT;
  }

  private void sleep(Duration every) {
    phase = "SLEEPING";
    nextRunAtMillis = Workflow.currentTimeMillis() + every.toMillis();
    Workflow.setCurrentDetails(
        "Sleeping until %s (every %s)%s"
            .formatted(
                Instant.ofEpochMilli(nextRunAtMillis),
                every,
                lastStatus == null
                    ? ""
                    : "; last run %s %s: %d order(s) checked, %d event(s) recovered."
                        .formatted(
                            reconciliationId,
                            lastStatus,
                            totals.ordersChecked(),
                            totals.eventsRecovered())));
    Workflow.await(every, () -> !requested.isEmpty());
    nextRunAtMillis = 0;
  }

  /** One run: never throws on a platform or database failure, it ends FAILED instead. */
  private void reconcile(String id, ReconciliationTrigger trigger) {
    phase = "RUNNING";
    reconciliationId = id;
    totals = ReconciliationTotals.none();
    String workflowId = Workflow.getInfo().getWorkflowId();
    showProgress(0);
    try {
      Instant readFrom =
          database("Record reconciliation " + id).begin(shopDomain, id, trigger, workflowId);
      String page = null;
      int pages = 0;
      do {
        ReconciliationPage read =
            platform("Read page %d of the orders changed since %s".formatted(pages + 1, readFrom))
                .readPage(shopDomain, readFrom, page);
        totals = totals.plus(read);
        page = read.nextPage();
        showProgress(++pages);
      } while (page != null);
      database("Complete reconciliation " + id).complete(shopDomain, id, totals);
      lastStatus = ReconciliationStatus.COMPLETED;
      log.info(
          "reconciliation {} of shop {} completed: {} order(s) checked, {} event(s) recovered",
          id,
          shopDomain,
          totals.ordersChecked(),
          totals.eventsRecovered());
    } catch (ActivityFailure failure) {
      lastStatus = ReconciliationStatus.FAILED;
      String problem = FailureText.of(failure);
      log.warn("reconciliation {} of shop {} failed: {}", id, shopDomain, problem);
      try {
        database("Keep failed reconciliation " + id + " for a person")
            .fail(shopDomain, id, workflowId, totals, problem);
      } catch (ActivityFailure notKept) {
        log.error(
            "reconciliation {} of shop {} failed and could not be recorded: {}",
            id,
            shopDomain,
            notKept.getMessage());
      }
    }
  }

  private void showProgress(int pages) {
    Workflow.setCurrentDetails(
        "Reconciliation %s (%s): %d page(s) read, %d order(s) checked, %d event(s) recovered so far."
            .formatted(
                reconciliationId,
                shopDomain,
                pages,
                totals.ordersChecked(),
                totals.eventsRecovered()));
  }

  /**
   * A scheduled run's id, deterministic on replay (workflow time comes from the history): {@code
   * rcn_s} and the run's start in base 36 milliseconds, then the number of the scheduled run.
   */
  private String scheduledId() {
    return "rcn_s%s%d".formatted(Long.toString(Workflow.currentTimeMillis(), 36), ++scheduledRuns);
  }

  private static ReconciliationActivities database(String summary) {
    return Workflow.newLocalActivityStub(
        ReconciliationActivities.class, DATABASE.toBuilder().setSummary(summary).build());
  }

  private static ReconciliationActivities platform(String summary) {
    return Workflow.newActivityStub(
        ReconciliationActivities.class, PLATFORM.toBuilder().setSummary(summary).build());
  }
}
