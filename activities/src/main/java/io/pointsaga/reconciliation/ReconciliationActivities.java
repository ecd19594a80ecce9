package io.pointsaga.reconciliation;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.time.Instant;

/**
 * The steps of a reconciliation run (SPEC §10). Each is safe to repeat: a run is recorded once by
 * its id, events are handed over under the webhooks' business keys (the inbox records each once,
 * the order saga applies each once), and the cursor only moves forward, to what was read.
 */
@ActivityInterface(namePrefix = "Reconciliation")
public interface ReconciliationActivities {

  /** Whether the shop is still installed, and how long to sleep between runs. */
  @ActivityMethod
  ReconciliationSchedule schedule(String shopDomain);

  /**
   * Records the run as RUNNING and answers where its window starts: the stored cursor (or the
   * shop's installation) minus the overlap.
   */
  @ActivityMethod
  Instant begin(
      String shopDomain, String reconciliationId, ReconciliationTrigger trigger, String workflowId);

  /**
   * Reads one page of the orders changed since {@code readFrom} from the platform and hands every
   * event the ledger has not applied to its order saga, through the webhook inbox.
   *
   * @param page null for the first page
   */
  @ActivityMethod
  ReconciliationPage readPage(String shopDomain, Instant readFrom, String page);

  /**
   * Ends the run COMPLETED: the cursor moves to the latest change read, never back, and a run that
   * recovered events notes it in the shop's activity. One transaction.
   */
  @ActivityMethod
  void complete(String shopDomain, String reconciliationId, ReconciliationTotals totals);

  /**
   * Ends the run FAILED, the cursor where it was, and keeps it for a person as an attention item
   * (kind RECONCILIATION_FAILED) naming the saga's workflow id.
   */
  @ActivityMethod
  void fail(
      String shopDomain,
      String reconciliationId,
      String workflowId,
      ReconciliationTotals totals,
      String problem);
}
