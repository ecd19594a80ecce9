package io.pointsaga.temporal;

import io.pointsaga.platform.PlatformFailure;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Stops a saga's platform steps once its shop has uninstalled PointSaga (SPEC §9). The saga runs
 * each platform step, retries included, through {@link #call}; its {@link
 * SagaSignals#SHOP_UNINSTALLED} signal handler calls {@link #request}, which cancels the step in
 * flight: a running attempt is abandoned (its activity is cancelled) and a wait between attempts
 * ends at once. A step that the platform adapter refused with {@code ShopUninstalled} ends the same
 * way, so both roads lead to the saga's one "shop uninstalled" ending.
 *
 * <p>Runs whose history was recorded before this existed (version {@code DEFAULT_VERSION} of {@link
 * #CHANGE_ID}, decided before the run's first platform step) ignore the request and replay as they
 * ran.
 */
public final class ShopUninstallStop {
  public static final String CHANGE_ID = "stop-when-the-shop-uninstalls";

  private boolean requested;
  private boolean uninstalled;
  private Boolean applies;
  private CancellationScope inFlight;

  /** The signal handler's part: remember it, and cancel the platform step in flight if any. */
  public void request() {
    requested = true;
    if (inFlight != null) {
      inFlight.cancel("the shop uninstalled PointSaga");
    }
  }

  /**
   * Runs one platform step unless the shop has uninstalled PointSaga. Empty when it had before the
   * step, when the stop came during the step, or when the platform adapter refused the step because
   * the shop is uninstalled; any other failure is thrown as the step threw it.
   */
  public <T> Optional<T> call(Supplier<T> platformStep) {
    if (!applies()) {
      return Optional.of(platformStep.get());
    }
    if (requested) {
      return stopped();
    }
    Object[] result = new Object[1];
    inFlight = Workflow.newCancellationScope(() -> result[0] = platformStep.get());
    try {
      inFlight.run();
    } catch (ActivityFailure failure) {
      if (requested || refusedAsUninstalled(failure)) {
        return stopped();
      }
      throw failure;
    } catch (CanceledFailure cancelled) {
      if (requested) {
        return stopped();
      }
      throw cancelled;
    } finally {
      inFlight = null;
    }
    @SuppressWarnings("unchecked")
    T value = (T) result[0];
    return Optional.of(value);
  }

  /** Whether a platform step of this run ended because the shop uninstalled PointSaga. */
  public boolean uninstalled() {
    return uninstalled;
  }

  private <T> Optional<T> stopped() {
    requested = true; // a refusal tells the same as the signal: the next steps are not tried
    uninstalled = true;
    Workflow.setCurrentDetails(
        "**Stopped**: the shop uninstalled PointSaga, so the platform is no longer called.");
    return Optional.empty();
  }

  private boolean applies() {
    if (applies == null) {
      applies = Workflow.getVersion(CHANGE_ID, Workflow.DEFAULT_VERSION, 1) == 1;
    }
    return applies;
  }

  private static boolean refusedAsUninstalled(ActivityFailure failure) {
    return failure.getCause() instanceof ApplicationFailure app
        && PlatformFailure.SHOP_UNINSTALLED.equals(app.getType());
  }
}
