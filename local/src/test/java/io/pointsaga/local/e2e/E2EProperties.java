package io.pointsaga.local.e2e;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@code .ci/e2e} tells the E2E tests, as system properties: where the real Temporal dev
 * server listens and how to restart it, and where to write what the stage keeps. The stage starts
 * the server without the sagas' search attributes: the worker registers them at start-up.
 */
record E2EProperties(
    String temporalTarget,
    String temporalUi,
    Path temporalCli,
    Path temporalDb,
    Path temporalArgsFile,
    Path temporalPidFile,
    Path temporalLog,
    Path childPidsFile,
    Path outputDir,
    Path chromium,
    Path workerJar,
    Path starterJar,
    int latencyRuns,
    int latencyWarmup) {

  static final String PREFIX = "pointsaga.e2e.";

  static E2EProperties fromSystem() {
    Path output = path("outputDir").orElse(Path.of("target", "e2e")).toAbsolutePath();
    return new E2EProperties(
        required("temporal"),
        required("temporalUi"),
        path("temporalCli").orElseThrow(() -> missing("temporalCli")),
        path("temporalDb").orElseThrow(() -> missing("temporalDb")),
        path("temporalArgsFile").orElseThrow(() -> missing("temporalArgsFile")),
        path("temporalPidFile").orElseThrow(() -> missing("temporalPidFile")),
        path("temporalLog").orElse(output.resolve("temporal-restarted.log")),
        path("pidsFile").orElse(output.resolve("children.pids")),
        output,
        path("chromium").orElse(Path.of("/usr/bin/chromium")),
        path("workerJar").orElse(Path.of("../worker/target/worker-exec.jar")).toAbsolutePath(),
        path("starterJar").orElse(Path.of("../starter/target/starter-exec.jar")).toAbsolutePath(),
        Integer.getInteger(PREFIX + "latencyRuns", 100),
        Integer.getInteger(PREFIX + "latencyWarmup", 20));
  }

  private static String required(String name) {
    String value = System.getProperty(PREFIX + name);
    if (value == null || value.isBlank()) {
      throw missing(name);
    }
    return value;
  }

  private static Optional<Path> path(String name) {
    return Optional.ofNullable(System.getProperty(PREFIX + name))
        .filter(s -> !s.isBlank())
        .map(Path::of);
  }

  private static IllegalStateException missing(String name) {
    return new IllegalStateException(
        "System property "
            + PREFIX
            + name
            + " is not set: the E2E tests run against a real Temporal"
            + " dev server that `bash .ci/e2e` installs, starts and describes to them. Run that script.");
  }
}
