package io.pointsaga.local.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The platform's state stays consistent when many requests hit one shop at once. */
class SimulatedPlatformConcurrencyTest {

  private static final int THREADS = 8;
  private static final int CALLS_PER_THREAD = 250;
  private static final String SHOP = "busy.myshopify.com";

  private final SimulatedPlatform platform = new SimulatedPlatform();
  private ExecutorService pool;

  @BeforeEach
  void start() {
    platform.registerShop(SHOP, "token");
    pool = Executors.newFixedThreadPool(THREADS);
  }

  @AfterEach
  void stop() throws InterruptedException {
    pool.shutdownNow();
    assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void racingCreatesOfOneCodeCreateItOnce() throws Exception {
    SimulatedShop shop = platform.shop(SHOP);

    List<Optional<SimulatedDiscountCode>> results =
        runConcurrently(
            thread ->
                platform.createDiscountCode(
                    shop, thread % 2 == 0 ? "RACE" : "race", "t", BigDecimal.ONE));

    assertThat(results).filteredOn(Optional::isPresent).hasSize(1);
    assertThat(shop.discountCodes()).hasSize(1);
  }

  @Test
  void concurrentUsesAreAllCounted() throws Exception {
    SimulatedShop shop = platform.shop(SHOP);
    platform.createDiscountCode(shop, "POPULAR", "t", BigDecimal.ONE);

    runConcurrently(
        thread -> {
          for (int i = 0; i < CALLS_PER_THREAD; i++) {
            shop.recordUse("POPULAR");
          }
          return null;
        });

    assertThat(shop.findByCode("POPULAR").orElseThrow().usageCount())
        .isEqualTo((long) THREADS * CALLS_PER_THREAD);
  }

  @Test
  void concurrentCreatesGetDistinctIdsAndEachQueuedFaultIsTakenOnce() throws Exception {
    SimulatedShop shop = platform.shop(SHOP);
    int faults = THREADS * CALLS_PER_THREAD / 2;
    shop.addFaults(
        new PendingFault(PlatformOperation.CREATE_DISCOUNT_CODE, FaultKind.HTTP_500, null), faults);
    Set<String> ids = ConcurrentHashMap.newKeySet();

    List<Integer> faultsMet =
        runConcurrently(
            thread -> {
              int met = 0;
              for (int i = 0; i < CALLS_PER_THREAD; i++) {
                if (shop.receiveCall(PlatformOperation.CREATE_DISCOUNT_CODE).isPresent()) {
                  met++;
                } else {
                  platform
                      .createDiscountCode(shop, "C-" + thread + "-" + i, "t", BigDecimal.ONE)
                      .ifPresent(created -> ids.add(created.platformDiscountId()));
                }
              }
              return met;
            });

    assertThat(faultsMet.stream().mapToInt(Integer::intValue).sum()).isEqualTo(faults);
    assertThat(ids).hasSize(THREADS * CALLS_PER_THREAD - faults);
    assertThat(shop.pendingFaults()).isEmpty();
    assertThat(shop.callCounts().get(PlatformOperation.CREATE_DISCOUNT_CODE))
        .isEqualTo(new CallCount(THREADS * CALLS_PER_THREAD, faults));
  }

  private interface PerThread<T> {
    T run(int thread) throws Exception;
  }

  /** Runs the task on every thread at once (released together) and answers each thread's result. */
  private <T> List<T> runConcurrently(PerThread<T> task) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<T>> futures = new ArrayList<>();
    for (int thread = 0; thread < THREADS; thread++) {
      int number = thread;
      Callable<T> call =
          () -> {
            start.await();
            return task.run(number);
          };
      futures.add(pool.submit(call));
    }
    start.countDown();
    List<T> results = new ArrayList<>();
    for (Future<T> future : futures) {
      results.add(future.get(10, TimeUnit.SECONDS));
    }
    return results;
  }
}
