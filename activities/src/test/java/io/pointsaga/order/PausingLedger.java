package io.pointsaga.order;

import io.pointsaga.ledger.CustomerAccount;
import io.pointsaga.ledger.Ledger;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The real {@link Ledger}, except that while {@link #pauseBalanceReads} is armed every {@link
 * #findCustomer} waits, after reading, until {@code parties} callers have read: it makes a race
 * between two balance reads deterministic. Disarmed (the default) it is the plain ledger.
 */
final class PausingLedger extends Ledger {
  private volatile CyclicBarrier barrier;

  PausingLedger(JdbcClient jdbc, TransactionTemplate tx, Clock clock) {
    super(jdbc, tx, clock);
  }

  /** Arms the pause for {@code parties} readers; 0 disarms it. */
  void pauseBalanceReads(int parties) {
    barrier = parties > 0 ? new CyclicBarrier(parties) : null;
  }

  @Override
  public Optional<CustomerAccount> findCustomer(long shopId, String customerId) {
    Optional<CustomerAccount> account = super.findCustomer(shopId, customerId);
    CyclicBarrier armed = barrier;
    if (armed != null) {
      try {
        armed.await(5, TimeUnit.SECONDS);
      } catch (TimeoutException | BrokenBarrierException e) {
        // The reads were serialized (e.g. under a row lock): nobody else arrives; go on.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return account;
  }
}
