package io.pointsaga.local;

import io.pointsaga.starter.redemption.CancellationRecovery;
import io.pointsaga.starter.webhook.UnhandledDeliveries;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * What a (re)started embedded mode does before it reports UP, so that nothing is lost across a
 * restart or a kill -9: webhook deliveries recorded but not handled by their saga are handed over
 * again, the cancellations that were running are resumed (a durable Temporal server kept them) or
 * restarted from the database (the in-memory one lost them), and a reconciliation pass starts per
 * shop ({@link ReconciliationAtStart}). Every step is idempotent by business key.
 */
@Component
class RecoveryAtStart implements ApplicationRunner {
  private static final Logger log = LoggerFactory.getLogger(RecoveryAtStart.class);

  private final UnhandledDeliveries deliveries;
  private final CancellationRecovery cancellations;
  private final ObjectProvider<ReconciliationAtStart> reconciliation;
  private final AtomicBoolean done = new AtomicBoolean();

  RecoveryAtStart(
      UnhandledDeliveries deliveries,
      CancellationRecovery cancellations,
      ObjectProvider<ReconciliationAtStart> reconciliation) {
    this.deliveries = deliveries;
    this.cancellations = cancellations;
    this.reconciliation = reconciliation;
  }

  @Override
  public void run(ApplicationArguments args) {
    long started = System.nanoTime();
    int handedOver = deliveries.dispatchAgain();
    CancellationRecovery.Recovered recovered = cancellations.resumeOpenCancellations();
    ReconciliationAtStart passes = reconciliation.getIfAvailable();
    String reconciled =
        passes == null
            ? "no reconciliation saga in this build"
            : passes.startOnePassPerShop() + " reconciliation passes started";
    log.info(
        "recovery at start in {} ms: {} webhook deliveries handed over again; cancellations: {}"
            + " resumed, {} restarted, {} had ended; {}",
        Duration.ofNanos(System.nanoTime() - started).toMillis(),
        handedOver,
        recovered.resumed(),
        recovered.restarted(),
        recovered.alreadyEnded(),
        reconciled);
    done.set(true);
  }

  boolean done() {
    return done.get();
  }
}
