package io.pointsaga.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryDelaysTest {

  private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

  @ParameterizedTest(name = "{0}: {1} -> {2} ms")
  @CsvSource(
      delimiter = '|',
      value = {
        "Retry-After                | 7                             | 7000",
        "Retry-After                | 2.0                           | 2000",
        "Retry-After                | 0.2                           | 1000",
        "Retry-After                | Mon, 23 Nov 2026 10:00:30 GMT | 30000",
        "Retry-After                | Mon, 23 Nov 2026 09:00:00 GMT | 1000",
        "Retry-After                | soon                          | 1000",
        "X-Rate-Limit-Time-Reset-Ms | 4500                          | 4500",
        "X-Rate-Limit-Time-Reset-Ms | 15                            | 1000",
        "X-Other                    | 9                             | 1000"
      })
  void readsThePlatformsDelayAndWaitsAtLeastOneSecond(String header, String value, long millis) {
    HttpHeaders headers = HttpHeaders.of(Map.of(header, List.of(value)), (name, v) -> true);

    assertThat(RetryDelays.fromHeaders(headers, NOW)).isEqualTo(Duration.ofMillis(millis));
  }
}
