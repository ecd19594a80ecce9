package io.pointsaga.starter;

import io.pointsaga.ActivitiesConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Import;

/**
 * The web node: admin REST API (SPEC §5), admin page; starts sagas on Temporal and reads the
 * ledger. Runs no workers.
 */
@SpringBootApplication
@Import(ActivitiesConfiguration.class)
public class StarterApplication {

  public static void main(String[] args) {
    new SpringApplicationBuilder(StarterApplication.class)
        .properties("spring.config.name=starter")
        .run(args);
  }
}
