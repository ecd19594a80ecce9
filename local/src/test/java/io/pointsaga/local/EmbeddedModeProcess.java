package io.pointsaga.local;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The embedded mode as its own JVM ({@link LocalApplication#main}, from this test run's classpath),
 * as a user runs it: on a data folder, with the Temporal CLI's dev server or the in-memory server,
 * on a port it chooses and reports in its log. It can be killed with SIGKILL and started again on
 * the same folder. Each run writes its own log (the port is read from it).
 */
public final class EmbeddedModeProcess {
  private static final Pattern TOMCAT_STARTED =
      Pattern.compile("Tomcat started on port (\\d+) \\(http\\)");
  private static final Pattern RECOVERY =
      Pattern.compile("recovery at start in \\d+ ms: (\\d+) webhook deliveries handed over again");

  private final Process process;
  private final Path log;
  private final Instant launched;
  private String baseUrl;
  private Duration startup;

  private EmbeddedModeProcess(Process process, Path log, Instant launched) {
    this.process = process;
    this.log = log;
    this.launched = launched;
  }

  /**
   * Starts it on {@code dataDirectory}; {@code temporalCli} empty: the in-memory Temporal server.
   * {@code started} sees the process at once (e.g. to record its pid for a cleanup).
   */
  public static EmbeddedModeProcess start(
      Path dataDirectory, Optional<Path> temporalCli, Path log, Consumer<Process> started)
      throws IOException {
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of(
            "-Xmx512m",
            "-XX:TieredStopAtLevel=1",
            "--add-opens",
            "java.base/java.lang=ALL-UNNAMED",
            "-cp",
            classpath,
            LocalApplication.class.getName()));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(Redirect.appendTo(log.toFile()));
    builder.environment().put(EmbeddedSettings.DATA_DIR, dataDirectory.toString());
    builder
        .environment()
        .put(
            EmbeddedSettings.TEMPORAL_CLI,
            temporalCli.map(Path::toString).orElse(EmbeddedSettings.NO_CLI));
    builder.environment().put("SERVER_PORT", "0");
    Instant launched = Instant.now();
    EmbeddedModeProcess embedded = new EmbeddedModeProcess(builder.start(), log, launched);
    started.accept(embedded.process);
    return embedded;
  }

  /** Until {@code /actuator/health} answers UP (recovery done, workers polling). */
  public EmbeddedModeProcess awaitUp(Duration limit) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    Instant deadline = Instant.now().plus(limit);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new AssertionError("the embedded mode exited:\n" + tail());
      }
      if (baseUrl == null) {
        Matcher started = TOMCAT_STARTED.matcher(Files.readString(log));
        if (started.find()) {
          baseUrl = "http://127.0.0.1:" + started.group(1);
        }
      } else {
        try {
          HttpResponse<String> health =
              http.send(
                  HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/health"))
                      .timeout(Duration.ofSeconds(5))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
          if (health.statusCode() == 200 && health.body().contains("\"UP\"")) {
            startup = Duration.between(launched, Instant.now());
            return this;
          }
        } catch (IOException notYet) {
          // starting
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the embedded mode was not UP in " + limit + ":\n" + tail());
  }

  public String baseUrl() {
    return baseUrl;
  }

  /** From the launch to health UP. */
  public Duration startup() {
    return startup;
  }

  public long pid() {
    return process.pid();
  }

  /** The recovery at start's log line, from "recovery at start" on. */
  public String recoveryLine() throws IOException {
    return Files.readAllLines(log).stream()
        .filter(line -> line.contains("recovery at start in "))
        .map(line -> line.substring(line.indexOf("recovery at start in ")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no recovery line in " + log + ":\n" + tail()));
  }

  /** How many deliveries the recovery at start handed over again (from its log line). */
  public Optional<Integer> deliveriesHandedOverAgain() throws IOException {
    Matcher recovered = RECOVERY.matcher(Files.readString(log));
    return recovered.find() ? Optional.of(Integer.parseInt(recovered.group(1))) : Optional.empty();
  }

  /** SIGKILL: no shutdown hook runs; PostgreSQL (and the dev server) keep running, orphaned. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError("the embedded mode (pid " + pid() + ") survived SIGKILL");
    }
  }

  /** SIGTERM, as Ctrl-C: the shutdown hook stops the app, then Temporal, then PostgreSQL. */
  public int stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      throw new AssertionError("the embedded mode did not stop in 60 s:\n" + tail());
    }
    return process.exitValue();
  }

  public boolean alive() {
    return process.isAlive();
  }

  public Path log() {
    return log;
  }

  public String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(cannot read " + log + ")";
    }
  }

  /**
   * Stops what a killed run left behind in {@code dataDirectory} (its PostgreSQL, its dev server),
   * as the next start would: for a test that ends after a kill.
   */
  public static void stopOrphans(Path dataDirectory) {
    EmbeddedDatabase.stopOrphan(dataDirectory.resolve("postgres"));
    Path temporal = dataDirectory.resolve("temporal");
    OrphanedServer.find(
            "Temporal dev server",
            temporal.resolve("dev-server.pid"),
            temporal.resolve("temporal.db").toString())
        .ifPresent(OrphanedServer::stop);
  }
}
