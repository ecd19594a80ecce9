package io.pointsaga.failure;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInfo;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Classifies what every activity (remote or local) throws, once for all of them: see {@link
 * FailureClassifier}. The original exception, with its SQL or driver text, goes to the log only:
 * with its stack trace when it will not be retried, as one WARN line when it will ({@link
 * ExpectedRetries}).
 */
public final class ActivityFailureInterceptor extends WorkerInterceptorBase {
  private static final Logger log = LoggerFactory.getLogger(ActivityFailureInterceptor.class);

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new ActivityInboundCallsInterceptorBase(next) {
      private ActivityInfo info;

      @Override
      public void init(ActivityExecutionContext context) {
        info = context.getInfo();
        super.init(context);
      }

      @Override
      public ActivityOutput execute(ActivityInput input) {
        try {
          return super.execute(input);
        } catch (TemporalFailure classified) {
          if (classified instanceof ApplicationFailure retried
              && ExpectedRetries.isExpectedRetry(retried)) {
            ExpectedRetries.warn(info, retried);
          }
          throw classified;
        } catch (RuntimeException | Error error) {
          TemporalFailure failure = FailureClassifier.classify(error);
          if (failure instanceof ApplicationFailure retried
              && ExpectedRetries.isExpectedRetry(retried)) {
            ExpectedRetries.warn(info, retried);
          } else {
            log.warn("activity step failed: {}", failure.getOriginalMessage(), error);
          }
          throw failure;
        }
      }
    };
  }
}
