package io.pointsaga.starter.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IdempotencyKeysTest {

  @Test
  void keysOfCustomersWhoseIdsAndKeysConcatenateAlikeDoNotCollide() {
    assertThat(IdempotencyKeys.adjustment("X", "x:k"))
        .isNotEqualTo(IdempotencyKeys.adjustment("X:x", "k"));
    assertThat(IdempotencyKeys.redemptionId(1, "X", "x:k"))
        .isNotEqualTo(IdempotencyKeys.redemptionId(1, "X:x", "k"));
    assertThat(IdempotencyKeys.adjustment("1", "2:3"))
        .isNotEqualTo(IdempotencyKeys.adjustment("12", "3"));
  }

  @Test
  void theSameRequestMapsToTheSameKeyAndTheShopCounts() {
    assertThat(IdempotencyKeys.redemptionId(1, "c", "k"))
        .isEqualTo(IdempotencyKeys.redemptionId(1, "c", "k"))
        .isNotEqualTo(IdempotencyKeys.redemptionId(2, "c", "k"))
        .matches(PathPatterns.REDEMPTION_ID);
  }

  @Test
  void theHeaderIsTrimmedAndAtMost255Characters() {
    assertThat(IdempotencyKeys.read(null)).isEmpty();
    assertThat(IdempotencyKeys.read("  ")).isEmpty();
    assertThat(IdempotencyKeys.read(" k ")).contains("k");
    assertThat(IdempotencyKeys.read("k".repeat(255))).contains("k".repeat(255));
    assertThatThrownBy(() -> IdempotencyKeys.read("k".repeat(256)))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("at most 255");
    assertThatThrownBy(() -> IdempotencyKeys.read("a\u0000b")).isInstanceOf(ApiException.class);
  }
}
