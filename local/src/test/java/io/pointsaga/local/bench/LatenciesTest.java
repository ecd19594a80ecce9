package io.pointsaga.local.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LatenciesTest {

  @Test
  void nearestRankOfTwoHundredIsTheHundredAndNinetyEighth() {
    List<Double> millis = new ArrayList<>();
    for (int i = 1; i <= 200; i++) {
      millis.add((double) i);
    }
    Collections.shuffle(millis, new Random(12));

    Latencies latencies = Latencies.of(millis);

    assertThat(latencies.count()).isEqualTo(200);
    assertThat(latencies.p50()).isEqualTo(100.0);
    assertThat(latencies.p90()).isEqualTo(180.0);
    assertThat(latencies.p99()).isEqualTo(198.0);
    assertThat(latencies.max()).isEqualTo(200.0);
  }

  @Test
  void oneValueIsEveryPercentile() {
    Latencies latencies = Latencies.of(List.of(7.5));

    assertThat(List.of(latencies.p50(), latencies.p90(), latencies.p99(), latencies.max()))
        .containsOnly(7.5);
  }

  @Test
  void twentyValuesHaveTheirMaximumAsP99() {
    List<Double> millis = new ArrayList<>();
    for (int i = 20; i >= 1; i--) {
      millis.add((double) i);
    }

    assertThat(Latencies.of(millis).p99()).isEqualTo(20.0);
    assertThat(Latencies.of(millis).p50()).isEqualTo(10.0);
  }

  @Test
  void noValuesAreRefused() {
    assertThatThrownBy(() -> Latencies.of(List.of())).isInstanceOf(IllegalArgumentException.class);
  }
}
