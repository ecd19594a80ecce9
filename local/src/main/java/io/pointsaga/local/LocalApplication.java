package io.pointsaga.local;

import io.pointsaga.ActivitiesConfiguration;
import io.pointsaga.starter.StarterApplication;
import io.pointsaga.worker.SearchAttributeRegistration;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;

/**
 * The embedded mode (SPEC §6-7): one JVM with PostgreSQL, the Temporal test server, the simulated
 * platform under {@code /sandbox/}, the worker and the web app. {@code java -jar
 * local/target/local.jar}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableConfigurationProperties(DemoShopProperties.class)
@Import({ActivitiesConfiguration.class, SearchAttributeRegistration.class})
@ComponentScan(
    basePackages = {"io.pointsaga.local", "io.pointsaga.starter"},
    excludeFilters =
        @ComponentScan.Filter(
            type = FilterType.ASSIGNABLE_TYPE,
            classes = StarterApplication.class))
public class LocalApplication {

  public static void main(String[] args) {
    int temporalPort =
        Integer.parseInt(System.getenv().getOrDefault("TEMPORAL_TEST_SERVER_PORT", "0"));
    EmbeddedInfrastructure infrastructure = EmbeddedInfrastructure.start(temporalPort);
    Runtime.getRuntime().addShutdownHook(new Thread(infrastructure::close, "embedded-shutdown"));
    application(infrastructure).run(args);
  }

  static SpringApplicationBuilder application(EmbeddedInfrastructure infrastructure) {
    return new SpringApplicationBuilder(LocalApplication.class)
        .properties("spring.config.name=local")
        .properties(infrastructure.springProperties());
  }
}
