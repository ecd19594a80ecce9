package io.pointsaga.local.bench;

import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real Temporal dev server ({@code temporal server start-dev}) on a free port, in memory, without
 * its UI, started from the CLI named by {@code POINTSAGA_TEMPORAL_CLI} or found on the PATH;
 * stopped (and its process with it) on close.
 */
final class DevServer implements AutoCloseable {
  private final Process process;
  private final int port;

  private DevServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** The CLI to run, if there is one. */
  static Optional<Path> cli() {
    String named = System.getenv("POINTSAGA_TEMPORAL_CLI");
    if (named != null && !named.isBlank()) {
      return Optional.of(Path.of(named)).filter(Files::isExecutable);
    }
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "temporal");
      if (!dir.isEmpty() && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  static DevServer start(Path cli, Path log) throws Exception {
    int port = freePort();
    Process process =
        new ProcessBuilder(
                cli.toString(),
                "server",
                "start-dev",
                "--ip",
                "127.0.0.1",
                "--port",
                String.valueOf(port),
                "--headless",
                "--log-level",
                "warn")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    DevServer server = new DevServer(process, port);
    try {
      server.awaitServing();
    } catch (Exception e) {
      server.close();
      throw e;
    }
    return server;
  }

  String target() {
    return "127.0.0.1:" + port;
  }

  private void awaitServing() throws InterruptedException {
    WorkflowServiceStubs service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(target()).build());
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (true) {
        try {
          service
              .blockingStub()
              .withDeadlineAfter(2, TimeUnit.SECONDS)
              .describeNamespace(
                  DescribeNamespaceRequest.newBuilder().setNamespace("default").build());
          return;
        } catch (RuntimeException notYet) {
          if (!process.isAlive() || System.nanoTime() > deadline) {
            throw new IllegalStateException(
                "the Temporal dev server did not serve on " + target(), notYet);
          }
          Thread.sleep(250);
        }
      }
    } finally {
      service.shutdownNow();
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }
}
