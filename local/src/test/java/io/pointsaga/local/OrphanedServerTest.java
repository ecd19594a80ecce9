package io.pointsaga.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server left by a killed start is stopped only if its command line names our data folder. */
class OrphanedServerTest {
  @TempDir Path dir;
  private Process process;

  @AfterEach
  void cleanUp() {
    if (process != null) {
      process.destroyForcibly();
    }
  }

  @Test
  void aLiveProcessNamingTheFolderIsStopped() throws Exception {
    process = sleeper(dir.toString());
    Path pidFile = pidFile(process.pid());

    OrphanedServer.find("test server", pidFile, dir.toString()).orElseThrow().stop();

    assertThat(process.waitFor(5, TimeUnit.SECONDS)).as("stopped").isTrue();
  }

  @Test
  void aProcessThatReusedThePidIsLeftAlone() throws Exception {
    process = sleeper("some-other-folder");

    assertThat(OrphanedServer.find("test server", pidFile(process.pid()), dir.toString()))
        .isEmpty();
    assertThat(process.isAlive()).isTrue();
  }

  @Test
  void noPidFileOrADeadPidIsNothingToStop() throws Exception {
    assertThat(OrphanedServer.find("test server", dir.resolve("none.pid"), dir.toString()))
        .isEmpty();
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    assertThat(OrphanedServer.find("test server", pidFile(gone.pid()), dir.toString())).isEmpty();
  }

  /** A process whose command line contains {@code marker}. */
  private static Process sleeper(String marker) throws Exception {
    return new ProcessBuilder("bash", "-c", "sleep 60; true", marker).start();
  }

  private Path pidFile(long pid) throws Exception {
    Path file = dir.resolve("server.pid");
    Files.writeString(file, pid + "\n" + dir + "\n");
    return file;
  }
}
