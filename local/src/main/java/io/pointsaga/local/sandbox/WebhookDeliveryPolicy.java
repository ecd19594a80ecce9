package io.pointsaga.local.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * How a simulated shop delivers its webhooks (SPEC §10): each delivery to a subscription is dropped
 * with probability {@code dropRate}, else sent twice with probability {@code duplicateRate}, each
 * send delayed by up to {@code maxDelayMs}; the draws come from {@code seed}, so a run repeats.
 * {@link #ONCE} (the default) delivers everything once, at once.
 */
record WebhookDeliveryPolicy(double dropRate, double duplicateRate, long maxDelayMs, long seed) {

  static final WebhookDeliveryPolicy ONCE = new WebhookDeliveryPolicy(0, 0, 0, 0);

  WebhookDeliveryPolicy {
    requireRate(dropRate, "dropRate");
    requireRate(duplicateRate, "duplicateRate");
    if (maxDelayMs < 0 || maxDelayMs > 600_000) {
      throw InvalidSandboxRequestException.invalidField(
          "maxDelayMs", "maxDelayMs must be between 0 and 600000, got " + maxDelayMs);
    }
  }

  /** The delays of the sends of one delivery, drawn from {@code random}: none when dropped. */
  List<Long> sendDelaysMs(Random random) {
    List<Long> delays = new ArrayList<>();
    if (random.nextDouble() < dropRate) {
      return delays;
    }
    int sends = random.nextDouble() < duplicateRate ? 2 : 1;
    for (int i = 0; i < sends; i++) {
      delays.add(maxDelayMs == 0 ? 0L : random.nextLong(maxDelayMs + 1));
    }
    return delays;
  }

  private static void requireRate(double rate, String field) {
    if (!(rate >= 0 && rate <= 1)) {
      throw InvalidSandboxRequestException.invalidField(
          field, field + " must be between 0 and 1, got " + rate);
    }
  }
}
