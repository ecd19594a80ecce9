package io.pointsaga.local.sandbox;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The sandbox on a real port, without database or Temporal. Every sandbox web test uses this one
 * set-up, so they share a single application context; TIMEOUT faults wait {@value
 * #TIMEOUT_FAULT_DELAY_MILLIS} ms.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ActiveProfiles(SandboxTestApp.PROFILE)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    classes = SandboxTestApp.class,
    properties = {
      "pointsaga.sandbox.timeout-fault-delay=" + SandboxWebTest.TIMEOUT_FAULT_DELAY_MILLIS + "ms",
      "spring.autoconfigure.exclude="
          + "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration,"
          + "org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration,"
          + "io.temporal.spring.boot.autoconfigure.ServiceStubsAutoConfiguration,"
          + "io.temporal.spring.boot.autoconfigure.RootNamespaceAutoConfiguration,"
          + "io.temporal.spring.boot.autoconfigure.NonRootNamespaceAutoConfiguration,"
          + "io.temporal.spring.boot.autoconfigure.TestServerAutoConfiguration,"
          + "io.temporal.spring.boot.autoconfigure.MetricsScopeAutoConfiguration,"
          + "io.temporal.spring.boot.autoconfigure.OpenTracingAutoConfiguration"
    })
@interface SandboxWebTest {

  long TIMEOUT_FAULT_DELAY_MILLIS = 1000;
}
