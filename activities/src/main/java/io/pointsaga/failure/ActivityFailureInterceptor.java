package io.pointsaga.failure;

import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.failure.TemporalFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Classifies what every activity (remote or local) throws, once for all of them: see {@link
 * FailureClassifier}. The original exception, with its SQL or driver text, goes to the log only.
 */
public final class ActivityFailureInterceptor extends WorkerInterceptorBase {
  private static final Logger log = LoggerFactory.getLogger(ActivityFailureInterceptor.class);

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new ActivityInboundCallsInterceptorBase(next) {
      @Override
      public ActivityOutput execute(ActivityInput input) {
        try {
          return super.execute(input);
        } catch (TemporalFailure classified) {
          throw classified;
        } catch (RuntimeException | Error error) {
          TemporalFailure failure = FailureClassifier.classify(error);
          log.warn("activity step failed: {}", failure.getOriginalMessage(), error);
          throw failure;
        }
      }
    };
  }
}
