package io.pointsaga.local;

import io.temporal.testserver.TestServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

/**
 * What the embedded mode runs besides Spring: a PostgreSQL 17 from Maven Central binaries and the
 * Temporal Java test server on a real gRPC port, with time running as on a real server.
 */
final class EmbeddedInfrastructure implements AutoCloseable {
  private final EmbeddedPostgres postgres;
  private final TestServer.PortBoundTestServer temporal;
  private final int temporalPort;

  private EmbeddedInfrastructure(
      EmbeddedPostgres postgres, TestServer.PortBoundTestServer temporal, int temporalPort) {
    this.postgres = postgres;
    this.temporal = temporal;
    this.temporalPort = temporalPort;
  }

  static EmbeddedInfrastructure start(int temporalPort) {
    EmbeddedPostgres postgres;
    try {
      postgres = EmbeddedPostgres.builder().start();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
    }
    int port = temporalPort > 0 ? temporalPort : freePort();
    // lockTimeSkipping = true: time passes as on a real server (retries really wait).
    TestServer.PortBoundTestServer temporal = TestServer.createPortBoundServer(port, true);
    return new EmbeddedInfrastructure(postgres, temporal, port);
  }

  /** The Spring properties that point the app at this infrastructure. */
  Map<String, Object> springProperties() {
    return Map.of(
        "spring.datasource.url",
        postgres.getJdbcUrl("postgres", "postgres"),
        "spring.datasource.username",
        "postgres",
        "spring.datasource.password",
        "",
        "spring.temporal.connection.target",
        "127.0.0.1:" + temporalPort);
  }

  int temporalPort() {
    return temporalPort;
  }

  @Override
  public void close() {
    temporal.close();
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free port for the Temporal test server", e);
    }
  }
}
