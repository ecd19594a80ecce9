package io.pointsaga.failure;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import org.junit.jupiter.api.Test;

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
}
