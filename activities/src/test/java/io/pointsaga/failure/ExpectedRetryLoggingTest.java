package io.pointsaga.failure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * SPEC §12: an expected retry is one WARN line without a stack trace; a failure that will not be
 * retried keeps the SDK's WARN with its stack trace. Real worker, interceptor and logback filter.
 */
class ExpectedRetryLoggingTest {
  private static final String QUEUE = "expected-retry-logging";

  @WorkflowInterface
  public interface Step {
    @WorkflowMethod
    String run(int failures, boolean retryable);
  }

  @ActivityInterface
  public interface Platform {
    String revoke(int failures, boolean retryable);
  }

  public static class StepImpl implements Step {
    @Override
    public String run(int failures, boolean retryable) {
      return Workflow.newActivityStub(
              Platform.class,
              ActivityOptions.newBuilder()
                  .setStartToCloseTimeout(Duration.ofSeconds(10))
                  .setRetryOptions(
                      RetryOptions.newBuilder()
                          .setInitialInterval(Duration.ofMillis(10))
                          .setMaximumAttempts(5)
                          .build())
                  .build())
          .revoke(failures, retryable);
    }
  }

  static class FailingPlatform implements Platform {
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public String revoke(int failures, boolean retryable) {
      if (calls.incrementAndGet() <= failures) {
        throw retryable
            ? ApplicationFailure.newFailure(
                "the platform answered HTTP 503 to revokeDiscountCode", "PlatformUnavailable")
            : ApplicationFailure.newNonRetryableFailure(
                "the platform refused the access token (HTTP 401)", "PlatformCredentialsRejected");
      }
      return "revoked";
    }
  }

  private final LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
  private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
  private final ExpectedRetryLogFilter filter = new ExpectedRetryLogFilter();
  private final FailingPlatform platform = new FailingPlatform();
  private TestWorkflowEnvironment temporal;
  private Level sdkLevel;

  @BeforeEach
  void start() {
    captured.setContext(logging);
    captured.start();
    logging.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(captured);
    Logger sdk = logging.getLogger(ExpectedRetryLogFilter.SDK_ACTIVITY_LOGGERS);
    sdkLevel = sdk.getLevel();
    sdk.setLevel(Level.INFO);
    filter.afterPropertiesSet();
    temporal =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setWorkerFactoryOptions(
                    new ActivityFailureClassification()
                        .customize(WorkerFactoryOptions.newBuilder())
                        .build())
                .build());
    Worker worker = temporal.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(StepImpl.class);
    worker.registerActivitiesImplementations(platform);
    temporal.start();
  }

  @AfterEach
  void stop() {
    temporal.close();
    filter.destroy();
    logging.getLogger(ExpectedRetryLogFilter.SDK_ACTIVITY_LOGGERS).setLevel(sdkLevel);
    logging.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(captured);
  }

  private String run(int failures, boolean retryable) {
    return temporal
        .getWorkflowClient()
        .newWorkflowStub(
            Step.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(QUEUE)
                .setWorkflowId("step-" + failures)
                .build())
        .run(failures, retryable);
  }

  /**
   * WARN lines about activity attempts: ours and the SDK's (not its start-up or workflow lines).
   */
  private List<ILoggingEvent> warnings() {
    return captured.list.stream()
        .filter(e -> e.getLevel() == Level.WARN)
        .filter(
            e ->
                e.getLoggerName().equals(ExpectedRetries.class.getName())
                    || e.getLoggerName().startsWith(ExpectedRetryLogFilter.SDK_ACTIVITY_LOGGERS))
        .toList();
  }

  @Test
  void eachExpectedRetryIsOneWarnLineWithoutAStackTrace() {
    assertThat(run(2, true)).isEqualTo("revoked");

    assertThat(warnings())
        .as("one line per failed attempt, ours, and none of the SDK's")
        .hasSize(2)
        .allSatisfy(
            line -> {
              assertThat(line.getLoggerName()).isEqualTo(ExpectedRetries.class.getName());
              assertThat(line.getThrowableProxy()).isNull();
              assertThat(line.getFormattedMessage())
                  .contains("Revoke attempt")
                  .contains("will retry: the platform answered HTTP 503 to revokeDiscountCode")
                  .contains("(PlatformUnavailable)")
                  .contains("workflowId=step-2")
                  .doesNotContain("\n");
            });
    assertThat(warnings().get(0).getFormattedMessage()).contains("attempt 1 failed");
    assertThat(warnings().get(1).getFormattedMessage()).contains("attempt 2 failed");
  }

  @Test
  void aFailureThatWillNotBeRetriedKeepsTheSdksWarnWithItsStackTrace() {
    assertThatThrownBy(() -> run(1, false)).isInstanceOf(WorkflowFailedException.class);

    assertThat(warnings())
        .singleElement()
        .satisfies(
            line -> {
              assertThat(line.getLoggerName())
                  .startsWith(ExpectedRetryLogFilter.SDK_ACTIVITY_LOGGERS);
              assertThat(line.getThrowableProxy()).isNotNull();
            });
  }
}
