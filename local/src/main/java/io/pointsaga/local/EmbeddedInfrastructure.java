package io.pointsaga.local;

import java.util.HashMap;
import java.util.Map;

/**
 * What the embedded mode runs besides Spring: a PostgreSQL 17 from Maven Central binaries and a
 * Temporal server, either {@code temporal server start-dev} from the CLI (durable, with the UI) or
 * the in-memory Java test server on a real gRPC port (see {@link EmbeddedSettings}).
 */
final class EmbeddedInfrastructure implements AutoCloseable {
  private final EmbeddedSettings settings;
  private final EmbeddedDatabase database;
  private final EmbeddedTemporal temporal;

  private EmbeddedInfrastructure(
      EmbeddedSettings settings, EmbeddedDatabase database, EmbeddedTemporal temporal) {
    this.settings = settings;
    this.database = database;
    this.temporal = temporal;
  }

  /** A throwaway database and the in-memory Temporal test server: tests. */
  static EmbeddedInfrastructure throwaway() {
    return start(EmbeddedSettings.throwaway());
  }

  static EmbeddedInfrastructure start(EmbeddedSettings settings) {
    EmbeddedDatabase database = EmbeddedDatabase.start(settings.dataDirectory());
    try {
      EmbeddedTemporal temporal =
          settings.temporalCli().isPresent() && settings.dataDirectory().isPresent()
              ? TemporalDevServerProcess.start(
                  settings.temporalCli().get(),
                  settings.dataDirectory().get(),
                  settings.temporalPort())
              : InMemoryTemporal.start(settings.temporalPort());
      return new EmbeddedInfrastructure(settings, database, temporal);
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  /** The Spring properties that point the app at this infrastructure and describe it. */
  Map<String, Object> springProperties() {
    Map<String, Object> properties = new HashMap<>();
    properties.put("spring.datasource.url", database.jdbcUrl());
    properties.put("spring.datasource.username", "postgres");
    properties.put("spring.datasource.password", "");
    properties.put("spring.temporal.connection.target", temporal.target());
    properties.put(
        "pointsaga.embedded.data-directory",
        settings.dataDirectory().map(Object::toString).orElse(""));
    properties.put("pointsaga.embedded.temporal-description", temporal.description());
    properties.put("pointsaga.embedded.temporal-ui", temporal.uiUrl().orElse(""));
    properties.put("pointsaga.embedded.temporal-durable", temporal.durable());
    return properties;
  }

  EmbeddedTemporal temporal() {
    return temporal;
  }

  /** The Temporal server's port (gRPC). */
  int temporalPort() {
    String target = temporal.target();
    return Integer.parseInt(target.substring(target.lastIndexOf(':') + 1));
  }

  /**
   * The Temporal server first (its clients, the workers, are stopped before this), then the data.
   */
  @Override
  public void close() {
    try {
      temporal.close();
    } finally {
      database.close();
    }
  }
}
