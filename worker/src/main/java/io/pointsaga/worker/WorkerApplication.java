package io.pointsaga.worker;

import io.pointsaga.ActivitiesConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Import;

/**
 * Hosts the Temporal workers: the saga workflows and their activities on {@code pointsaga-sagas}.
 * Scales on its own; connects to Temporal by {@code spring.temporal.connection.target}.
 */
@SpringBootApplication
@Import(ActivitiesConfiguration.class)
public class WorkerApplication {

  public static void main(String[] args) {
    new SpringApplicationBuilder(WorkerApplication.class)
        .properties("spring.config.name=worker")
        .run(args);
  }
}
