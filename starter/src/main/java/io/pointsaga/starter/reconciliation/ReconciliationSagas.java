package io.pointsaga.starter.reconciliation;

import io.pointsaga.reconciliation.ReconciliationRuns;
import io.pointsaga.reconciliation.ReconciliationSagaInput;
import io.pointsaga.reconciliation.ReconciliationWorkflow;
import io.pointsaga.temporal.PointSagaSearchAttributes;
import io.pointsaga.temporal.TaskQueues;
import io.pointsaga.temporal.WorkflowIds;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Starts, asks and stops each shop's reconciliation saga ({@code reconcile/{shop}}, SPEC §10). A
 * shop's saga is started when it is installed and, for every active shop, at start-up; starting a
 * saga that runs joins it, so both are idempotent. Uninstalling cancels it.
 */
@Service
public class ReconciliationSagas {
  private static final Logger log = LoggerFactory.getLogger(ReconciliationSagas.class);
  private static final String ID_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
  private static final int ID_LENGTH = 16;

  private final WorkflowClient client;
  private final ReconciliationRuns runs;
  private final SecureRandom random = new SecureRandom();

  ReconciliationSagas(WorkflowClient client, ReconciliationRuns runs) {
    this.client = client;
    this.runs = runs;
  }

  /** Starts the saga of a shop just installed (it sleeps first), unless it runs already. */
  public void start(String shopDomain) {
    start(ReconciliationSagaInput.atInstall(shopDomain));
  }

  private void start(ReconciliationSagaInput input) {
    String shopDomain = input.shopDomain();
    try {
      WorkflowClient.start(saga(shopDomain)::run, input);
      log.info("reconciliation saga of shop {} started", shopDomain);
    } catch (WorkflowExecutionAlreadyStarted running) {
      // it runs: nothing to do
    }
  }

  /**
   * Asks the shop's saga for a run now, starting the saga if it does not run; answers the run's id.
   */
  public String runNow(String shopDomain) {
    String reconciliationId = newReconciliationId();
    ReconciliationWorkflow saga = saga(shopDomain);
    BatchRequest request = client.newSignalWithStartRequest();
    request.add(saga::run, ReconciliationSagaInput.atStartUp(shopDomain));
    request.add(saga::runNow, reconciliationId);
    client.signalWithStart(request);
    log.info("reconciliation {} of shop {} asked for", reconciliationId, shopDomain);
    return reconciliationId;
  }

  /** Stops the shop's saga (uninstall); nothing when it does not run. */
  public void stop(String shopDomain) {
    try {
      client.newUntypedWorkflowStub(WorkflowIds.reconcile(shopDomain)).cancel();
      log.info("reconciliation saga of shop {} stopped", shopDomain);
    } catch (WorkflowNotFoundException notRunning) {
      // nothing to stop
    }
  }

  /** Every active shop's saga, at start-up; a shop whose start fails is tried at the next one. */
  @EventListener(ApplicationReadyEvent.class)
  void startForEveryActiveShop() {
    Thread starter =
        new Thread(
            () -> {
              List<String> domains = runs.activeShopDomains();
              for (String domain : domains) {
                try {
                  start(ReconciliationSagaInput.atStartUp(domain));
                } catch (RuntimeException e) {
                  log.warn(
                      "reconciliation saga of shop {} not started at start-up: {}",
                      domain,
                      e.getMessage());
                }
              }
            },
            "reconciliation-sagas-start");
    starter.setDaemon(true);
    starter.start();
  }

  private ReconciliationWorkflow saga(String shopDomain) {
    return client.newWorkflowStub(
        ReconciliationWorkflow.class,
        WorkflowOptions.newBuilder()
            .setWorkflowId(WorkflowIds.reconcile(shopDomain))
            .setTaskQueue(TaskQueues.SAGAS)
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
            .setTypedSearchAttributes(
                SearchAttributes.newBuilder()
                    .set(PointSagaSearchAttributes.SHOP, shopDomain)
                    .build())
            .setStaticSummary("Reconciliation of shop " + shopDomain)
            .setStaticDetails(
                "Every reconciliationInterval (shop setting), reads the orders the platform changed"
                    + " since the stored cursor and hands the events the webhooks missed to the"
                    + " order sagas, under the webhooks' keys. Query 'state' for the current run;"
                    + " GET /api/v1/shops/"
                    + shopDomain
                    + "/reconciliations lists the runs.")
            .build());
  }

  /** {@code rcn_} and 16 random characters of an unambiguous alphabet. */
  String newReconciliationId() {
    StringBuilder id = new StringBuilder("rcn_");
    for (int i = 0; i < ID_LENGTH; i++) {
      id.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
    }
    return id.toString().toLowerCase(Locale.ROOT);
  }
}
