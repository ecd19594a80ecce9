package io.pointsaga.starter.settings;

import io.pointsaga.settings.ShopSettings;
import io.pointsaga.settings.ShopSettings.CancelOn;
import io.pointsaga.settings.ShopSettings.ClawbackRate;
import io.pointsaga.settings.ShopSettings.NegativeBalance;
import io.pointsaga.settings.ShopSettings.RefundedPointsExpiry;
import io.pointsaga.settings.ShopSettings.RestoreRedeemedPoints;
import io.pointsaga.settings.ShopSettings.VipTier;
import io.pointsaga.settings.ShopSettings.VipTier.Basis;
import io.pointsaga.starter.web.ApiException;
import io.pointsaga.starter.web.StrictJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A shop's settings as the API answers and takes them (SPEC §3, §5). GET answers every field;
 * {@code cancelOn} comes in the enums' order. A PUT replaces the whole document: a field left out
 * (or null) takes its default from {@link ShopSettings#defaults()}, not the value stored before.
 * {@code "cancelOn": []} is kept as given: no platform state cancels points.
 */
record SettingsDocument(
    List<CancelOn> cancelOn,
    ClawbackRate clawbackRate,
    RestoreRedeemedPoints restoreRedeemedPoints,
    NegativeBalance negativeBalance,
    RefundedPointsExpiry refundedPointsExpiry,
    Boolean storeCreditCancelsPoints,
    List<VipTierDocument> vipTiers,
    String reconciliationInterval,
    String pendingPeriod) {

  static final int MAX_VIP_TIERS = 20;
  static final int MAX_TIER_NAME_LENGTH = 100;

  /** A longer interval would hardly reconcile at all; it also keeps timer arithmetic in range. */
  static final Duration MAX_RECONCILIATION_INTERVAL = Duration.ofDays(30);

  /**
   * @param threshold points held, or remaining effective spend in whole units of currency, that
   *     place a customer in the tier
   */
  record VipTierDocument(String name, Long threshold, Basis basis) {}

  static SettingsDocument of(ShopSettings settings) {
    return new SettingsDocument(
        settings.cancelOn().stream().sorted().toList(),
        settings.clawbackRate(),
        settings.restoreRedeemedPoints(),
        settings.negativeBalance(),
        settings.refundedPointsExpiry(),
        settings.storeCreditCancelsPoints(),
        settings.vipTiers().stream()
            .map(tier -> new VipTierDocument(tier.name(), tier.threshold(), tier.basis()))
            .toList(),
        settings.reconciliationInterval(),
        settings.pendingPeriod());
  }

  /** The settings to store; a 400 naming the first field that is wrong. */
  ShopSettings toSettings() {
    return new ShopSettings(
        validCancelOn(),
        clawbackRate,
        restoreRedeemedPoints,
        negativeBalance,
        refundedPointsExpiry,
        Boolean.TRUE.equals(storeCreditCancelsPoints),
        validVipTiers(),
        validReconciliationInterval(),
        validPendingPeriod());
  }

  /** ISO-8601, from {@code PT0S} (no pending points) to one year; null: the default. */
  private String validPendingPeriod() {
    if (pendingPeriod == null) {
      return null;
    }
    String expected =
        "'pendingPeriod' must be an ISO-8601 duration from PT0S (no pending points) to %s (one year), e.g. P14D"
            .formatted(ShopSettings.MAX_PENDING_PERIOD);
    Duration period;
    try {
      period = Duration.parse(pendingPeriod.strip());
    } catch (RuntimeException unparseable) {
      throw ApiException.badRequest(expected);
    }
    if (period.isNegative() || period.compareTo(ShopSettings.MAX_PENDING_PERIOD) > 0) {
      throw ApiException.badRequest(expected + "; got " + period);
    }
    return period.toString();
  }

  /** ISO-8601, from {@code PT5S} to {@code P30D}; null: the default ({@code PT15M}). */
  private String validReconciliationInterval() {
    if (reconciliationInterval == null) {
      return null;
    }
    String expected =
        "'reconciliationInterval' must be an ISO-8601 duration from %s to %s, e.g. PT15M"
            .formatted(ShopSettings.MIN_RECONCILIATION_INTERVAL, MAX_RECONCILIATION_INTERVAL);
    Duration every;
    try {
      every = Duration.parse(reconciliationInterval.strip());
    } catch (RuntimeException unparseable) {
      throw ApiException.badRequest(expected);
    }
    if (every.compareTo(ShopSettings.MIN_RECONCILIATION_INTERVAL) < 0
        || every.compareTo(MAX_RECONCILIATION_INTERVAL) > 0) {
      throw ApiException.badRequest(expected + "; got " + every);
    }
    return every.toString();
  }

  private Set<CancelOn> validCancelOn() {
    if (cancelOn == null) {
      return null; // the default
    }
    Set<CancelOn> states = EnumSet.noneOf(CancelOn.class);
    for (int i = 0; i < cancelOn.size(); i++) {
      if (cancelOn.get(i) == null) {
        throw ApiException.badRequest(
            "'cancelOn[%d]' must be one of %s".formatted(i, StrictJson.allowed(CancelOn.class)));
      }
      states.add(cancelOn.get(i));
    }
    return states;
  }

  private List<VipTier> validVipTiers() {
    if (vipTiers == null) {
      return null; // the default: no tiers
    }
    if (vipTiers.size() > MAX_VIP_TIERS) {
      throw ApiException.badRequest(
          "'vipTiers' has %d tiers; at most %d are allowed"
              .formatted(vipTiers.size(), MAX_VIP_TIERS));
    }
    List<VipTier> tiers = new ArrayList<>();
    Set<String> namesTaken = new HashSet<>();
    for (int i = 0; i < vipTiers.size(); i++) {
      String field = "vipTiers[" + i + "]";
      VipTierDocument tier = vipTiers.get(i);
      if (tier == null) {
        throw ApiException.badRequest(
            "'%s' must be an object with name, threshold and basis".formatted(field));
      }
      String name = tier.name() == null ? "" : tier.name().trim();
      if (name.isEmpty() || name.length() > MAX_TIER_NAME_LENGTH) {
        throw ApiException.badRequest(
            "'%s.name' is required: a non-blank name of at most %d characters"
                .formatted(field, MAX_TIER_NAME_LENGTH));
      }
      if (!namesTaken.add(name.toLowerCase(Locale.ROOT))) {
        throw ApiException.badRequest(
            "'%s.name' '%s' is already the name of another tier; tier names must be unique"
                .formatted(field, name));
      }
      if (tier.threshold() == null) {
        throw ApiException.badRequest(
            "'%s.threshold' is required: a whole number >= 0".formatted(field));
      }
      if (tier.threshold() < 0) {
        throw ApiException.badRequest(
            "'%s.threshold' must be >= 0; got %d".formatted(field, tier.threshold()));
      }
      if (tier.basis() == null) {
        throw ApiException.badRequest(
            "'%s.basis' is required: one of %s".formatted(field, StrictJson.allowed(Basis.class)));
      }
      tiers.add(new VipTier(name, tier.threshold(), tier.basis()));
    }
    return tiers;
  }
}
