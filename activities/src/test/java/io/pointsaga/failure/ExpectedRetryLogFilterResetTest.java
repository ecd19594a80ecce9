package io.pointsaga.failure;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Spring Boot resets logback whenever another application context starts in the same JVM (the full
 * local suite starts a second web node beside the embedded mode): a reset clears and stops every
 * turbo filter, and the SDK's WARN with its stack trace came back.
 */
class ExpectedRetryLogFilterResetTest {

  @Test
  void theFilterIsBackAndRunningAfterEachReset() {
    LoggerContext context = new LoggerContext();
    ExpectedRetryLogFilter filter = new ExpectedRetryLogFilter();
    filter.attachTo(context);

    context.reset();
    context.reset();

    assertThat(context.getTurboFilterList()).containsExactly(filter);
    assertThat(filter.isStarted()).isTrue();
  }

  @Test
  void anExpectedRetryPutsTheFilterBackWhenLogbackLostIt() {
    LoggerContext global = (LoggerContext) LoggerFactory.getILoggerFactory();
    List<TurboFilter> before = List.copyOf(global.getTurboFilterList());
    try {
      global.getTurboFilterList().removeIf(f -> f instanceof ExpectedRetryLogFilter);

      ExpectedRetries.warn(null, ApplicationFailure.newFailure("HTTP 503", "PlatformUnavailable"));

      assertThat(global.getTurboFilterList())
          .filteredOn(f -> f instanceof ExpectedRetryLogFilter)
          .hasSize(1)
          .allMatch(TurboFilter::isStarted);
    } finally {
      global.getTurboFilterList().clear();
      global.getTurboFilterList().addAll(before);
    }
  }
}
