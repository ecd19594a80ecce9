package io.pointsaga.order;

import io.pointsaga.ledger.Ledger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The real {@link Ledger}, except that while {@link #holdLockedReads} is armed each caller's first
 * {@link #lockBalance} holds on right after its {@code select ... for update} returned, inside the
 * caller's transaction and so with the customer's row locked, until one of two things is seen:
 *
 * <ul>
 *   <li>another caller has read the balance too: the row lock did not keep it out, the race is on
 *       ({@link Outcome#BOTH_READ});
 *   <li>another transaction waits in PostgreSQL for a lock this one holds ({@link
 *       Outcome#OTHER_WAITED_FOR_THE_LOCK}, from {@code pg_blocking_pids}): the lock keeps it out.
 * </ul>
 *
 * Neither is a matter of timing: the first reader holds on until the second writer is either past
 * its read or stuck in front of it. If neither happens within {@link #HOLD_LIMIT}, the read fails,
 * so a test can never pass because nobody raced it. Disarmed (the default) it is the plain ledger.
 */
final class PausingLedger extends Ledger {
  static final Duration HOLD_LIMIT = Duration.ofSeconds(10);

  /** What the first reader saw while it held on. */
  enum Outcome {
    BOTH_READ,
    OTHER_WAITED_FOR_THE_LOCK
  }

  private final JdbcClient jdbc;
  private final DataSource dataSource;
  private volatile Hold hold;

  PausingLedger(JdbcClient jdbc, TransactionTemplate tx, Clock clock, DataSource dataSource) {
    super(jdbc, tx, clock);
    this.jdbc = jdbc;
    this.dataSource = dataSource;
  }

  /** Arms the hold for the next locked reads (one per thread). */
  void holdLockedReads() {
    hold = new Hold();
  }

  /** Disarms the hold and says what the first reader saw, or null if nobody read. */
  Outcome release() {
    Hold armed = hold;
    hold = null;
    return armed == null ? null : armed.outcome();
  }

  @Override
  public long lockBalance(long shopId, String customerId) {
    long balance = super.lockBalance(shopId, customerId);
    Hold armed = hold;
    if (armed != null) {
      armed.arrive(jdbc.sql("select pg_backend_pid()").query(Integer.class).single());
    }
    return balance;
  }

  private final class Hold {
    private final Set<Thread> readers = new HashSet<>();
    private Outcome outcome;

    synchronized Outcome outcome() {
      return outcome;
    }

    void arrive(int backendPid) {
      synchronized (this) {
        if (!readers.add(Thread.currentThread())) {
          return; // this caller's later reads (e.g. in Ledger.post) are not held
        }
        notifyAll();
        if (readers.size() > 1) {
          if (outcome == null) {
            outcome = Outcome.BOTH_READ;
          }
          return;
        }
      }
      long deadline = System.nanoTime() + HOLD_LIMIT.toNanos();
      while (System.nanoTime() < deadline) {
        synchronized (this) {
          if (readers.size() > 1) {
            outcome = Outcome.BOTH_READ;
            return;
          }
        }
        if (someoneWaitsFor(backendPid)) {
          synchronized (this) {
            outcome = Outcome.OTHER_WAITED_FOR_THE_LOCK;
          }
          return;
        }
        synchronized (this) {
          try {
            wait(10);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while holding the locked read", e);
          }
        }
      }
      throw new IllegalStateException(
          "held a locked balance read for %s, and no other writer read the balance or waited for the lock: the test's second writer never ran"
              .formatted(HOLD_LIMIT));
    }

    /** Whether another backend waits for a lock held by {@code backendPid} (own connection). */
    private boolean someoneWaitsFor(int backendPid) {
      try (Connection c = dataSource.getConnection();
          PreparedStatement s =
              c.prepareStatement(
                  "select count(*) from pg_stat_activity where ? = any(pg_blocking_pids(pid))")) {
        s.setInt(1, backendPid);
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          return rs.getLong(1) > 0;
        }
      } catch (SQLException e) {
        throw new IllegalStateException("could not ask PostgreSQL who waits for a lock", e);
      }
    }
  }
}
