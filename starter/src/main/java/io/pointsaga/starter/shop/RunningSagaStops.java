package io.pointsaga.starter.shop;

import io.pointsaga.shop.RunningSagas;
import io.pointsaga.shop.Shop;
import io.pointsaga.temporal.SagaSignals;
import io.pointsaga.temporal.WorkflowIds;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Tells the running sagas of a shop that uninstalled PointSaga to stop calling its platform (SPEC
 * §9), with the {@link SagaSignals#SHOP_UNINSTALLED} signal. The sagas are found from the database
 * ({@link RunningSagas}), their workflow ids from {@link WorkflowIds}. Off the caller's thread, so
 * an uninstall webhook is answered at once; a saga that ended meanwhile is skipped.
 *
 * <p>Best effort by design: a signal that cannot be delivered (Temporal away, the web node
 * stopping) is logged, and the saga learns it at its next platform call anyway, which the adapters
 * refuse with {@code ShopUninstalled} before calling the platform.
 */
@Component
class RunningSagaStops implements DisposableBean {
  private static final Logger log = LoggerFactory.getLogger(RunningSagaStops.class);

  private final RunningSagas runningSagas;
  private final WorkflowClient client;
  private final Clock clock;
  private final ExecutorService signaller =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "uninstall-saga-stops");
            t.setDaemon(true);
            return t;
          });

  RunningSagaStops(RunningSagas runningSagas, WorkflowClient client, Clock clock) {
    this.runningSagas = runningSagas;
    this.client = client;
    this.clock = clock;
  }

  /** Signals every saga of the shop that may be calling its platform; completes with the count. */
  CompletableFuture<Integer> stopAll(Shop shop) {
    return CompletableFuture.supplyAsync(() -> signalAll(shop), signaller);
  }

  private int signalAll(Shop shop) {
    List<String> workflowIds = workflowIds(shop);
    int told = 0;
    int failed = 0;
    for (String workflowId : workflowIds) {
      try {
        client.newUntypedWorkflowStub(workflowId).signal(SagaSignals.SHOP_UNINSTALLED);
        told++;
      } catch (WorkflowNotFoundException ended) {
        // closed already: nothing to stop
      } catch (RuntimeException e) {
        failed++;
        log.warn(
            "shop {} uninstalled: could not tell saga {} to stop ({}); its next platform call will"
                + " be refused instead",
            shop.domain(),
            workflowId,
            e.getMessage());
      }
    }
    log.info(
        "shop {} uninstalled: told {} running saga(s) to stop ({} candidates, {} not reached)",
        shop.domain(),
        told,
        workflowIds.size(),
        failed);
    return told;
  }

  private List<String> workflowIds(Shop shop) {
    RunningSagas.OfShop sagas = runningSagas.of(shop.id(), clock.instant());
    List<String> ids = new ArrayList<>(sagas.size());
    sagas
        .redemptionsBeingIssued()
        .forEach(r -> ids.add(WorkflowIds.redeemReward(shop.domain(), r)));
    sagas
        .redemptionsBeingCancelled()
        .forEach(r -> ids.add(WorkflowIds.cancelRedemption(shop.domain(), r)));
    sagas.ordersWithPlatformLookups().forEach(o -> ids.add(WorkflowIds.order(shop.domain(), o)));
    return ids;
  }

  @Override
  public void destroy() {
    signaller.shutdownNow();
  }
}
