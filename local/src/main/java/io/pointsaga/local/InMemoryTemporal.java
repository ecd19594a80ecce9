package io.pointsaga.local;

import io.temporal.testserver.TestServer;
import java.util.Optional;

/**
 * The Temporal Java test server on a real gRPC port, time running as on a real server. Keeps
 * everything in memory: a restart forgets every workflow (the embedded mode then restarts what the
 * database says was running), and the Temporal UI cannot list against it.
 */
final class InMemoryTemporal implements EmbeddedTemporal {
  private final TestServer.PortBoundTestServer server;
  private final int port;

  private InMemoryTemporal(TestServer.PortBoundTestServer server, int port) {
    this.server = server;
    this.port = port;
  }

  static InMemoryTemporal start(int port) {
    int bound = port > 0 ? port : EmbeddedTemporal.freePort();
    // lockTimeSkipping = true: time passes as on a real server (retries really wait).
    return new InMemoryTemporal(TestServer.createPortBoundServer(bound, true), bound);
  }

  @Override
  public String target() {
    return "127.0.0.1:" + port;
  }

  @Override
  public Optional<String> uiUrl() {
    return Optional.empty();
  }

  @Override
  public boolean durable() {
    return false;
  }

  @Override
  public String description() {
    return "in-memory Java test server %s (no UI; workflows are restarted from the database after a restart; install the temporal CLI for a durable server and the UI)"
        .formatted(target());
  }

  @Override
  public void close() {
    server.close();
  }
}
