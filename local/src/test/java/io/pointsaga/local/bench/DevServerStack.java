package io.pointsaga.local.bench;

import io.pointsaga.local.LocalApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A second embedded mode in this JVM, as shipped (its own embedded PostgreSQL, simulated platform,
 * worker and web app, the demo shop seeded) but on a real Temporal dev server instead of the test
 * server.
 */
final class DevServerStack implements AutoCloseable {
  private final EmbeddedPostgres postgres;
  private final ConfigurableApplicationContext context;

  DevServerStack(String temporalTarget) throws Exception {
    this.postgres = EmbeddedPostgres.builder().start();
    // As command-line arguments: they outrank local.yml, as in EmbeddedStack.
    this.context =
        new SpringApplicationBuilder(LocalApplication.class)
            .properties("spring.config.name=local")
            .run(
                "--server.port=0",
                "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=",
                "--spring.temporal.connection.target=" + temporalTarget);
  }

  String baseUrl() {
    return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
  }

  @Override
  public void close() throws Exception {
    context.close();
    postgres.close();
  }
}
