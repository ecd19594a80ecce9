package io.pointsaga.local.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Chromium in headless mode, one process per page: the DOM a page ends up with once its scripts
 * have run and fetched their data ({@code --dump-dom} after a virtual-time budget), or a screenshot
 * of it. Each process is recorded for the stage's cleanup; logs go to {@code target/e2e/logs}.
 */
final class HeadlessChromium {
  private final E2EStack stack;

  HeadlessChromium(E2EStack stack) {
    this.stack = stack;
  }

  /** The page's DOM as HTML, after its scripts ran; also kept as {@code name} for diagnosis. */
  String dumpDom(String url, String name) throws Exception {
    Path out = stack.properties.outputDir().resolve(name);
    run(url, name, List.of("--dump-dom"), out);
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  /** A PNG screenshot of the page, kept as {@code name}. */
  Path screenshot(String url, String name) throws Exception {
    Path png = stack.properties.outputDir().resolve(name);
    Files.deleteIfExists(png);
    run(url, name, List.of("--screenshot=" + png), null);
    return png;
  }

  private void run(String url, String name, List<String> mode, Path stdout) throws Exception {
    Path profile = Files.createTempDirectory("e2e-chromium-");
    Path log = stack.properties.outputDir().resolve("logs").resolve(name + "-chromium.log");
    try {
      List<String> command = new ArrayList<>();
      command.add(stack.properties.chromium().toString());
      command.addAll(
          List.of(
              "--headless",
              "--no-sandbox",
              "--disable-gpu",
              "--disable-background-networking",
              "--disable-component-update",
              "--no-first-run",
              "--user-data-dir=" + profile,
              "--window-size=1400,900",
              "--virtual-time-budget=10000"));
      command.addAll(mode);
      command.add(url);
      ProcessBuilder builder = new ProcessBuilder(command);
      if (stdout == null) {
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
      } else {
        builder.redirectOutput(stdout.toFile()).redirectError(log.toFile());
      }
      Process chromium = stack.startRecorded(builder);
      if (!chromium.waitFor(90, TimeUnit.SECONDS)) {
        chromium.destroyForcibly();
        throw new AssertionError("Chromium did not finish " + url + " in 90 s; see " + log);
      }
      if (chromium.exitValue() != 0) {
        throw new AssertionError(
            "Chromium exited " + chromium.exitValue() + " on " + url + "; see " + log);
      }
    } finally {
      deleteRecursively(profile);
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
