package io.pointsaga.metrics;

/**
 * The names of the business series of SPEC §12, in Micrometer's dotted form; the Prometheus
 * registry renders them as {@code pointsaga_webhooks_total{platform,topic,result}}, {@code
 * pointsaga_points_total{kind}}, {@code pointsaga_cancellations_total{outcome}}, {@code
 * pointsaga_attention_open{kind}} and {@code pointsaga_webhook_acknowledgement_seconds}. Tags are
 * low-cardinality on purpose: never a shop, customer, order or redemption id.
 */
public final class BusinessSeries {
  /** Webhook deliveries answered, by platform, topic and result (counter). */
  public static final String WEBHOOKS = "pointsaga.webhooks";

  /** Time from a webhook's arrival to its answer, by platform and result (timer, histogram). */
  public static final String WEBHOOK_ACKNOWLEDGEMENT = "pointsaga.webhook.acknowledgement";

  /** Points moved by ledger postings applied, by entry kind, as absolute values (counter). */
  public static final String POINTS = "pointsaga.points";

  /** Cancellation sagas ended, by outcome (counter). */
  public static final String CANCELLATIONS = "pointsaga.cancellations";

  /** Attention items open now, by kind (gauge). */
  public static final String ATTENTION_OPEN = "pointsaga.attention.open";

  private BusinessSeries() {}
}
