package io.pointsaga.local.e2e;

import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real Temporal dev server ({@code temporal server start-dev}) that {@code .ci/e2e} started:
 * its command line (one argument a line) and the pid file the stage's cleanup reads. A test can
 * kill it and start it again on the same SQLite file, as an outage of the Temporal cluster.
 */
final class TemporalDevServer {
  private final E2EProperties properties;
  private final ChildProcesses children;

  TemporalDevServer(E2EProperties properties, ChildProcesses children) {
    this.properties = properties;
    this.children = children;
  }

  long pid() {
    try {
      return Long.parseLong(Files.readString(properties.temporalPidFile()).trim());
    } catch (IOException | NumberFormatException e) {
      throw new IllegalStateException(
          "Cannot read the dev server's pid from " + properties.temporalPidFile(), e);
    }
  }

  /** SIGKILL, as a crash of the Temporal cluster; waits until the process is gone. */
  void kill() throws Exception {
    ProcessHandle server =
        ProcessHandle.of(pid())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "The Temporal dev server (pid " + pid() + ") is not running"));
    server.destroyForcibly();
    server.onExit().get(30, TimeUnit.SECONDS);
  }

  /**
   * Starts the dev server again with the command line the stage used (same port, UI, database
   * file).
   */
  void start() throws IOException {
    List<String> command =
        Files.readAllLines(properties.temporalArgsFile()).stream()
            .filter(s -> !s.isEmpty())
            .toList();
    if (!command.contains(properties.temporalDb().toString())) {
      throw new IllegalStateException(
          "The dev server's command line " + command + " does not use " + properties.temporalDb());
    }
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(Redirect.appendTo(properties.temporalLog().toFile()))
            .start();
    children.record(process);
    Files.writeString(properties.temporalPidFile(), process.pid() + "\n");
  }

  boolean alive() {
    return ProcessHandle.of(pid()).map(ProcessHandle::isAlive).orElse(false);
  }

  /**
   * Until the frontend answers for the namespace (the dev server is ready about a second after
   * start).
   */
  void awaitServing(WorkflowServiceStubs service, String namespace, Duration timeout)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    RuntimeException last = null;
    while (Instant.now().isBefore(deadline)) {
      try {
        service
            .blockingStub()
            .withDeadlineAfter(2, TimeUnit.SECONDS)
            .describeNamespace(
                DescribeNamespaceRequest.newBuilder().setNamespace(namespace).build());
        return;
      } catch (RuntimeException notYet) {
        last = notYet;
      }
      if (!alive()) {
        throw new IllegalStateException(
            "The Temporal dev server exited; see " + properties.temporalLog());
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException(
        "The Temporal dev server did not serve namespace " + namespace + " in " + timeout, last);
  }
}
