package io.pointsaga.starter.webhook;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The money rules of SPEC §8 for one shop's currency: at most 12 integer digits, no more fraction
 * digits than the currency has (USD 2, JPY 0), prices, discounts, refund subtotals and shipping at
 * least 0, the order in the shop's currency. A payload breaking them is authentic but invalid
 * ({@link InvalidWebhookException}).
 */
final class ShopMoneyRules {
  private static final Pattern ISO_CODE = Pattern.compile("[A-Z]{3}");

  /** A line's quantity: more than this is not an order a loyalty program should trust. */
  static final int MAX_QUANTITY = 100_000;

  private static final BigDecimal LARGEST = new BigDecimal("999999999999.99");

  private final String currency;
  private final int fractionDigits;

  private ShopMoneyRules(String currency, int fractionDigits) {
    this.currency = currency;
    this.fractionDigits = fractionDigits;
  }

  /** The rules for a shop keeping its books in {@code currency} (USD when not set). */
  static ShopMoneyRules forCurrency(String currency) {
    String code =
        currency == null || currency.isBlank() ? "USD" : currency.trim().toUpperCase(Locale.ROOT);
    int digits;
    try {
      digits = Currency.getInstance(code).getDefaultFractionDigits();
    } catch (IllegalArgumentException notIso) {
      digits = 2;
    }
    return new ShopMoneyRules(code, digits < 0 ? 2 : digits);
  }

  String currency() {
    return currency;
  }

  /** A price, discount, refund subtotal or shipping amount: at least 0. */
  BigDecimal nonNegative(PayloadField field) {
    BigDecimal amount = amount(field);
    if (amount.signum() < 0) {
      throw field.invalid("must not be negative");
    }
    return amount;
  }

  /** Shopify's shipping refund adjustments are negative: at most 0. */
  BigDecimal nonPositive(PayloadField field) {
    BigDecimal amount = amount(field);
    if (amount.signum() > 0) {
      throw field.invalid("must not be positive");
    }
    return amount;
  }

  /** A sum the saga stores: at most 12 integer digits, like each amount. */
  BigDecimal total(PayloadField field, BigDecimal total) {
    if (total.abs().compareTo(LARGEST) > 0) {
      throw field.invalid(
          "add up to more than %d integer digits".formatted(PayloadField.MAX_INTEGER_DIGITS));
    }
    return total;
  }

  /** The order's currency: an ISO 4217 code, the shop's own. */
  String orderCurrency(PayloadField field) {
    String code = field.text();
    boolean iso = ISO_CODE.matcher(code).matches();
    if (iso) {
      try {
        Currency.getInstance(code);
      } catch (IllegalArgumentException unknown) {
        iso = false;
      }
    }
    if (!iso) {
      throw field.invalid("is not an ISO 4217 currency code");
    }
    if (!code.equals(currency)) {
      throw field.invalid(
          "is %s, but the shop keeps its points in %s: orders in another currency earn no points"
              .formatted(code, currency));
    }
    return code;
  }

  private BigDecimal amount(PayloadField field) {
    BigDecimal amount = field.amount(); // integer digits checked first, before any arithmetic
    if (Math.max(0, amount.stripTrailingZeros().scale()) > fractionDigits) {
      throw field.invalid(
          fractionDigits == 0
              ? "has decimals, which %s does not have".formatted(currency)
              : "has more than %d decimals, which %s has".formatted(fractionDigits, currency));
    }
    return amount;
  }
}
