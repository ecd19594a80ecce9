package io.pointsaga.failure;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggerContextListener;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Drops the Temporal SDK's WARN ("Activity failure. ActivityId=..., attempt=...") with its stack
 * trace for an expected retry, which {@link ExpectedRetries} has logged as one line already. Every
 * other SDK line, and the SDK's WARN for a failure that will not be retried, passes. Added to
 * logback's context while the application runs (the worker and the embedded mode).
 */
@Component
public class ExpectedRetryLogFilter extends TurboFilter
    implements InitializingBean, DisposableBean {
  /**
   * The SDK's loggers of activity failures: {@code ActivityTaskExecutors$ActivityTaskExecutor} and
   * {@code $LocalActivityTaskExecutor} (remote and local activities).
   */
  static final String SDK_ACTIVITY_LOGGERS = "io.temporal.internal.activity.ActivityTaskExecutors";

  @Override
  public FilterReply decide(
      Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (level != Level.WARN
        || logger == null
        || !logger.getName().startsWith(SDK_ACTIVITY_LOGGERS)) {
      return FilterReply.NEUTRAL;
    }
    Throwable thrown = t;
    if (thrown == null && params != null && params.length > 0) {
      thrown = params[params.length - 1] instanceof Throwable last ? last : null;
    }
    return ExpectedRetries.isExpectedRetry(thrown) ? FilterReply.DENY : FilterReply.NEUTRAL;
  }

  /**
   * Puts the filter back after logback is reset: Spring Boot resets it whenever another application
   * context starts in the same JVM (a second web node in a test, the embedded mode's parts), which
   * clears every turbo filter.
   */
  private final LoggerContextListener keepAfterReset =
      new LoggerContextListener() {
        @Override
        public boolean isResetResistant() {
          return true;
        }

        @Override
        public void onReset(LoggerContext context) {
          register(context);
        }

        @Override
        public void onStart(LoggerContext context) {}

        @Override
        public void onStop(LoggerContext context) {}

        @Override
        public void onLevelChange(ch.qos.logback.classic.Logger logger, Level level) {}
      };

  @Override
  public void afterPropertiesSet() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      attachTo(context);
    }
  }

  /** Filters {@code context} from now on, across its resets. */
  void attachTo(LoggerContext context) {
    setName("pointsaga-expected-retries");
    setContext(context);
    register(context);
    context.addListener(keepAfterReset);
  }

  private void register(LoggerContext context) {
    start(); // a reset stops the filters it clears
    if (!context.getTurboFilterList().contains(this)) {
      context.addTurboFilter(this);
    }
  }

  /**
   * Puts a filter on logback's current context unless one is there: called before each expected
   * retry's own line, so that the SDK's line that follows is dropped even after logback was stopped
   * and started again by another application context of the JVM (tests start several), which also
   * drops the listeners that would put it back.
   */
  static void ensureInstalled() {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    for (TurboFilter installed : context.getTurboFilterList()) {
      if (installed instanceof ExpectedRetryLogFilter) {
        return;
      }
    }
    new ExpectedRetryLogFilter().attachTo(context);
  }

  @Override
  public void destroy() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      context.removeListener(keepAfterReset);
      context.getTurboFilterList().remove(this);
    }
    stop();
  }
}
