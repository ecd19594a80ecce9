package io.pointsaga.local;

import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code temporal server start-dev} run by the embedded mode: a real Temporal server with the Web
 * UI, persisting to a SQLite file in the data folder, so workflows (and their timers and pending
 * signals) survive a restart or a kill -9 of the embedded mode. Its pid is kept next to the file; a
 * server left running by a killed earlier start is stopped before a new one starts on the file.
 */
final class TemporalDevServerProcess implements EmbeddedTemporal {
  private static final Logger log = LoggerFactory.getLogger(TemporalDevServerProcess.class);
  static final String NAMESPACE = "default";
  private static final Duration STARTUP_LIMIT = Duration.ofSeconds(60);
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);

  private final Process process;
  private final int port;
  private final int uiPort;
  private final Path database;
  private final Path pidFile;

  private TemporalDevServerProcess(
      Process process, int port, int uiPort, Path database, Path pidFile) {
    this.process = process;
    this.port = port;
    this.uiPort = uiPort;
    this.database = database;
    this.pidFile = pidFile;
  }

  static TemporalDevServerProcess start(Path cli, Path dataDirectory, int requestedPort) {
    Path directory = dataDirectory.resolve("temporal");
    Path database = directory.resolve("temporal.db");
    Path pidFile = directory.resolve("dev-server.pid");
    Path logFile = directory.resolve("dev-server.log");
    try {
      Files.createDirectories(directory);
      OrphanedServer.find("Temporal dev server of " + database, pidFile, database.toString())
          .ifPresent(OrphanedServer::stop);
      int port = requestedPort > 0 ? requestedPort : EmbeddedTemporal.freePort();
      int uiPort = EmbeddedTemporal.freePort();
      List<String> command =
          List.of(
              cli.toString(),
              "server",
              "start-dev",
              "--ip",
              "127.0.0.1",
              "--port",
              Integer.toString(port),
              "--ui-port",
              Integer.toString(uiPort),
              "--db-filename",
              database.toString(),
              "--namespace",
              NAMESPACE,
              "--log-level",
              "warn");
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(Redirect.appendTo(logFile.toFile()))
              .start();
      Files.writeString(pidFile, process.pid() + "\n");
      TemporalDevServerProcess server =
          new TemporalDevServerProcess(process, port, uiPort, database, pidFile);
      server.awaitServing(logFile);
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Could not start `%s server start-dev` (log: %s): %s".formatted(cli, logFile, e), e);
    }
  }

  /** Until the frontend answers for the namespace (about a second; longer on a large file). */
  private void awaitServing(Path logFile) {
    WorkflowServiceStubs service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(target()).build());
    Instant deadline = Instant.now().plus(STARTUP_LIMIT);
    try {
      while (Instant.now().isBefore(deadline)) {
        if (!process.isAlive()) {
          throw new IllegalStateException(
              "The Temporal dev server exited at start (exit %d). Its log, %s, ends with:%n%s"
                  .formatted(process.exitValue(), logFile, tail(logFile)));
        }
        try {
          service
              .blockingStub()
              .withDeadlineAfter(2, TimeUnit.SECONDS)
              .describeNamespace(
                  DescribeNamespaceRequest.newBuilder().setNamespace(NAMESPACE).build());
          return;
        } catch (RuntimeException notYet) {
          sleep(Duration.ofMillis(200));
        }
      }
      close();
      throw new IllegalStateException(
          "The Temporal dev server did not answer within %s. Its log, %s, ends with:%n%s"
              .formatted(STARTUP_LIMIT, logFile, tail(logFile)));
    } finally {
      service.shutdownNow();
    }
  }

  @Override
  public String target() {
    return "127.0.0.1:" + port;
  }

  @Override
  public Optional<String> uiUrl() {
    return Optional.of("http://127.0.0.1:" + uiPort);
  }

  @Override
  public boolean durable() {
    return true;
  }

  @Override
  public String description() {
    return "dev server %s (pid %d), kept in %s".formatted(target(), process.pid(), database);
  }

  long pid() {
    return process.pid();
  }

  /** SIGTERM (the server closes its file), then SIGKILL after 10 s. */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
          log.warn("the Temporal dev server did not stop in {}; killing it", STOP_GRACE);
          process.destroyForcibly().waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      Files.deleteIfExists(pidFile);
    } catch (IOException e) {
      log.warn("could not remove {}: {}", pidFile, e.getMessage());
    }
  }

  private static String tail(Path logFile) {
    try {
      List<String> lines = Files.readAllLines(logFile);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the Temporal dev server", e);
    }
  }
}
