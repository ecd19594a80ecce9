package io.pointsaga.local;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Profile;

/**
 * Only the simulated platform, on its own random port: no database, no Temporal. For tests that run
 * the worker and the starter as separate processes (the profile keeps this configuration out of the
 * embedded app's component scan).
 */
@SpringBootConfiguration
@EnableAutoConfiguration(
    excludeName = {
      "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
      "org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration",
      "io.temporal.spring.boot.autoconfigure.ServiceStubsAutoConfiguration",
      "io.temporal.spring.boot.autoconfigure.RootNamespaceAutoConfiguration",
      "io.temporal.spring.boot.autoconfigure.NonRootNamespaceAutoConfiguration",
      "io.temporal.spring.boot.autoconfigure.TestServerAutoConfiguration",
      "io.temporal.spring.boot.autoconfigure.MetricsScopeAutoConfiguration",
      "io.temporal.spring.boot.autoconfigure.OpenTracingAutoConfiguration"
    })
@ComponentScan("io.pointsaga.local.sandbox")
@Profile(SimulatedPlatformOnly.PROFILE)
public class SimulatedPlatformOnly {
  static final String PROFILE = "simulated-platform-only";

  /** Starts it; {@code local.server.port} of the returned context is its port. */
  public static ConfigurableApplicationContext start(String... properties) {
    return new SpringApplicationBuilder(SimulatedPlatformOnly.class)
        .profiles(PROFILE)
        .properties("server.port=0", "spring.main.banner-mode=off")
        .properties(properties)
        .run();
  }
}
