package io.pointsaga.local.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends the pid of every process the E2E tests start to a file that {@code .ci/e2e} reads when it
 * cleans up, so nothing outlives the stage even if the test JVM itself is killed.
 */
final class ChildProcesses {
  private final Path pidsFile;

  ChildProcesses(Path pidsFile) {
    this.pidsFile = pidsFile;
  }

  synchronized void record(Process process) {
    try {
      Files.createDirectories(pidsFile.toAbsolutePath().getParent());
      Files.writeString(
          pidsFile, process.pid() + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot record child pid in " + pidsFile, e);
    }
  }
}
