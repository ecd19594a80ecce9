package io.pointsaga.local.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A block of consecutive order ids used by one part of a benchmark. Ids have 13 digits, so text
 * order is numeric order and a block's ledger events are counted with one range condition.
 */
record OrderBlock(long first, int size) {
  private static final AtomicLong next = new AtomicLong(1_000_000_000_000L);

  static OrderBlock take(int size) {
    return new OrderBlock(next.getAndAdd(size), size);
  }

  long orderId(int index) {
    return first + index;
  }

  /** Order events (paid, refunds) the order sagas have applied to the ledger in this block. */
  long eventsApplied(JdbcClient jdbc) {
    return jdbc.sql("select count(*) from order_event where order_id between ? and ?")
        .params(String.valueOf(first), String.valueOf(first + size - 1))
        .query(Long.class)
        .single();
  }

  /** Waits until the sagas have applied {@code events} events of this block, at most 10 minutes. */
  void awaitApplied(JdbcClient jdbc, long events) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    long applied;
    while ((applied = eventsApplied(jdbc)) < events) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "only %d of %d order events applied after 10 minutes".formatted(applied, events));
      }
      Thread.sleep(20);
    }
  }
}
