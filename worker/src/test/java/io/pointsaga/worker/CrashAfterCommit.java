package io.pointsaga.worker;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * An activity implementation whose worker "dies" right after one call committed: the real
 * implementation runs (its transaction commits), then the call never returns, as if the process had
 * been killed before it could report the result to Temporal. Temporal sees a started attempt that
 * never completes; only its timeout lets another worker run it again.
 *
 * <p>The stuck thread ignores interrupts (a killed process does not run its error handling) until
 * {@link #release()} at the end of the test.
 */
final class CrashAfterCommit<T> {
  private final CountDownLatch committed = new CountDownLatch(1);
  private final CountDownLatch released = new CountDownLatch(1);
  private final T proxy;

  private CrashAfterCommit(Class<T> activities, T real, String method, Predicate<Object[]> when) {
    InvocationHandler handler =
        (self, m, args) -> {
          Object result;
          try {
            result = m.invoke(real, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
          if (m.getName().equals(method)
              && committed.getCount() > 0
              && when.test(args == null ? new Object[0] : args)) {
            committed.countDown();
            hangUntilReleased();
          }
          return result;
        };
    this.proxy =
        activities.cast(
            Proxy.newProxyInstance(
                activities.getClassLoader(), new Class<?>[] {activities}, handler));
  }

  /** Crashes after the first call of {@code method} whose arguments match {@code when}. */
  static <T> CrashAfterCommit<T> after(
      Class<T> activities, T real, String method, Predicate<Object[]> when) {
    return new CrashAfterCommit<>(activities, real, method, when);
  }

  /** What the doomed worker registers. */
  T activities() {
    return proxy;
  }

  /** Waits until the real call committed and the worker "died". */
  void awaitCrash(Duration limit) throws InterruptedException {
    if (!committed.await(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("the activity never ran on the doomed worker within " + limit);
    }
  }

  /** Lets the stuck thread go (its late answer is refused by Temporal: the attempt timed out). */
  void release() {
    released.countDown();
  }

  private void hangUntilReleased() {
    while (true) {
      try {
        released.await();
        return;
      } catch (InterruptedException ignored) {
        // a dead process does not react to shutdown: keep hanging
      }
    }
  }
}
