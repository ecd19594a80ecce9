package io.pointsaga.order;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a run's history as a replay fixture when {@code -Dpointsaga.histories.record=<directory>}
 * is set (e.g. {@code workflows/src/test/resources/histories}, relative to the module when run
 * through Maven: {@code src/test/resources/histories}); otherwise does nothing. The fixtures are
 * replayed by {@code HistoryReplayTest}.
 */
public final class RecordedHistories {
  static final String PROPERTY = "pointsaga.histories.record";

  private RecordedHistories() {}

  public static void keep(WorkflowClient client, WorkflowExecution run, String fileName) {
    String directory = System.getProperty(PROPERTY);
    if (directory == null || directory.isBlank()) {
      return;
    }
    String json = client.fetchHistory(run.getWorkflowId(), run.getRunId()).toJson(true);
    try {
      Path file = Path.of(directory).resolve(fileName);
      Files.createDirectories(file.getParent());
      Files.writeString(file, json + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the history " + fileName, e);
    }
  }
}
