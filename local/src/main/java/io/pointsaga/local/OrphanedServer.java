package io.pointsaga.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server this embedded mode started in an earlier life that is still running because that life
 * ended with a kill -9 (PostgreSQL and the Temporal dev server are separate processes that outlive
 * the JVM). Found by the pid file it left in the data folder, and recognised by its command line,
 * which must name that data folder: a pid reused by another process is never touched.
 */
final class OrphanedServer {
  private static final Logger log = LoggerFactory.getLogger(OrphanedServer.class);
  private static final Duration GRACE = Duration.ofSeconds(30);

  private final String name;
  private final ProcessHandle process;

  private OrphanedServer(String name, ProcessHandle process) {
    this.name = name;
    this.process = process;
  }

  /**
   * The live process whose pid is the first line of {@code pidFile} and whose command line contains
   * {@code marker}; empty when there is no such file or process.
   */
  static Optional<OrphanedServer> find(String name, Path pidFile, String marker) {
    if (!Files.isRegularFile(pidFile)) {
      return Optional.empty();
    }
    long pid;
    try {
      List<String> lines = Files.readAllLines(pidFile);
      if (lines.isEmpty()) {
        return Optional.empty();
      }
      pid = Long.parseLong(lines.get(0).trim());
    } catch (IOException | NumberFormatException unreadable) {
      log.warn("{}: cannot read the pid in {}, assuming no server runs", name, pidFile);
      return Optional.empty();
    }
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .filter(p -> commandLine(p).contains(marker))
        .map(p -> new OrphanedServer(name, p));
  }

  long pid() {
    return process.pid();
  }

  /**
   * Asks the server to stop (SIGTERM: PostgreSQL shuts down cleanly, the dev server flushes its
   * file), waits up to 30 s, then kills it.
   */
  void stop() {
    log.warn(
        "{} (pid {}) is still running from a previous start that did not shut down; stopping it",
        name,
        process.pid());
    process.destroy();
    try {
      process.onExit().get(GRACE.toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException slow) {
      log.warn("{} (pid {}) did not stop in {}; killing it", name, process.pid(), GRACE);
      process.destroyForcibly();
      process.onExit().join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping " + name, e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("could not wait for " + name + " to stop", e);
    }
  }

  private static String commandLine(ProcessHandle process) {
    ProcessHandle.Info info = process.info();
    return info.commandLine()
        .orElseGet(
            () ->
                info.command().orElse("")
                    + " "
                    + String.join(" ", info.arguments().orElse(new String[0])));
  }
}
