package io.pointsaga.local;

/**
 * Where a restarted embedded mode starts one reconciliation pass per installed shop (SPEC §10, the
 * {@code reconcile/{shop}} saga of issue 10 item 1): webhooks the platform sent while the embedded
 * mode was down were refused or lost, and only reconciliation finds them. The reconciliation
 * feature provides the bean; until it exists {@link RecoveryAtStart} says in its log line that no
 * pass ran.
 */
@FunctionalInterface
public interface ReconciliationAtStart {

  /** Starts (or joins) one pass per installed shop; returns how many were started. */
  int startOnePassPerShop();
}
