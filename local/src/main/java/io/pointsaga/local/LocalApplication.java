package io.pointsaga.local;

import io.pointsaga.ActivitiesConfiguration;
import io.pointsaga.starter.StarterApplication;
import io.pointsaga.worker.SearchAttributeRegistration;
import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;

/**
 * The embedded mode (SPEC §6-7): one JVM with PostgreSQL (data kept in {@code POINTSAGA_DATA_DIR}),
 * a Temporal server (the CLI's dev server when there is one, else the in-memory test server), the
 * simulated platform under {@code /sandbox/}, the worker and the web app. {@code java -jar
 * local/target/local.jar}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableConfigurationProperties({DemoShopProperties.class, EmbeddedModeProperties.class})
@Import({ActivitiesConfiguration.class, SearchAttributeRegistration.class})
@ComponentScan(
    basePackages = {"io.pointsaga.local", "io.pointsaga.starter"},
    excludeFilters =
        @ComponentScan.Filter(
            type = FilterType.ASSIGNABLE_TYPE,
            classes = StarterApplication.class))
public class LocalApplication {

  public static void main(String[] args) {
    EmbeddedSettings settings;
    try {
      settings = EmbeddedSettings.fromEnvironment(System.getenv());
    } catch (IllegalArgumentException badSetting) {
      System.err.println("PointSaga embedded mode: " + badSetting.getMessage());
      System.exit(2);
      return;
    }
    EmbeddedInfrastructure infrastructure = EmbeddedInfrastructure.start(settings);
    AtomicReference<ConfigurableApplicationContext> context = new AtomicReference<>();
    // One hook, in order: the app (its Temporal workers stop polling and finish) before the
    // Temporal server and PostgreSQL it uses. Spring's own hook would race the server's shutdown
    // and log "failed to call shutdown worker" with a gRPC stack trace.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> stop(context.get(), infrastructure), "embedded-shutdown"));
    try {
      context.set(application(infrastructure).registerShutdownHook(false).run(args));
    } catch (RuntimeException failedToStart) {
      // Spring has logged why and closed what it started
      System.exit(1);
    }
  }

  static void stop(ConfigurableApplicationContext context, EmbeddedInfrastructure infrastructure) {
    try {
      if (context != null) {
        stopWorkers(context);
        context.close();
      }
    } finally {
      infrastructure.close();
    }
  }

  /**
   * The workers first, while their connection and the server are up: they stop polling, finish the
   * tasks in hand and tell the server. Closing the context alone shuts the connection down under
   * polls still running (a WARN with a gRPC stack trace per poller).
   */
  private static void stopWorkers(ConfigurableApplicationContext context) {
    if (!context.isActive()) {
      return;
    }
    for (WorkerFactory workers : context.getBeansOfType(WorkerFactory.class).values()) {
      if (workers.isStarted() && !workers.isShutdown()) {
        workers.shutdown();
        workers.awaitTermination(WORKER_STOP_LIMIT.toSeconds(), TimeUnit.SECONDS);
      }
    }
  }

  private static final Duration WORKER_STOP_LIMIT = Duration.ofSeconds(10);

  static SpringApplicationBuilder application(EmbeddedInfrastructure infrastructure) {
    return new SpringApplicationBuilder(LocalApplication.class)
        .properties("spring.config.name=local")
        .properties(infrastructure.springProperties());
  }
}
