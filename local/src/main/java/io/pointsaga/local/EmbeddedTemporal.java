package io.pointsaga.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Optional;

/** The Temporal server the embedded mode runs: the CLI's dev server, or the in-memory one. */
sealed interface EmbeddedTemporal extends AutoCloseable
    permits InMemoryTemporal, TemporalDevServerProcess {

  /** {@code host:port} of its gRPC frontend. */
  String target();

  /** The Temporal UI, when this server has one. */
  Optional<String> uiUrl();

  /** Whether workflows survive a restart of the embedded mode. */
  boolean durable();

  /** One line for the start-up banner. */
  String description();

  @Override
  void close();

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free port for Temporal", e);
    }
  }
}
