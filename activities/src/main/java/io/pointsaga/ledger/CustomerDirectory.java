package io.pointsaga.ledger;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The shop's customers in id order, a page at a time, optionally only those whose platform id
 * contains a search text (SPEC §12). Pages are keyset pages: {@code after} is the token of the last
 * customer shown, so customers created meanwhile never shift a page.
 */
@Repository
public class CustomerDirectory {
  private static final String TOKEN_PREFIX = "c1.";

  /** The longest search text: a platform customer id is at most 64 characters. */
  public static final int MAX_QUERY_LENGTH = 64;

  private final JdbcClient jdbc;

  public CustomerDirectory(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** One page of customers and the token of the next page, if there is one. */
  public record CustomerPage(List<CustomerAccount> customers, Optional<String> nextAfter) {}

  /**
   * Up to {@code limit} customers whose id sorts after {@code afterCustomerId} (empty: from the
   * first) and contains {@code query} ignoring case (empty: all).
   */
  public CustomerPage page(
      long shopId, Optional<String> query, int limit, Optional<String> afterCustomerId) {
    List<CustomerAccount> rows =
        jdbc.sql(
                """
                select shop_id, customer_id, points_balance, vip_tier, created_at from customer
                 where shop_id = :shop
                   and (cast(:after as text) is null or customer_id > :after)
                   and (cast(:query as text) is null
                        or strpos(lower(customer_id), lower(:query)) > 0)
                 order by customer_id
                 limit :limit
                """)
            .param("shop", shopId)
            .param("after", afterCustomerId.orElse(null))
            .param("query", query.orElse(null))
            .param("limit", limit + 1)
            .query(
                (rs, n) ->
                    new CustomerAccount(
                        rs.getLong("shop_id"),
                        rs.getString("customer_id"),
                        rs.getLong("points_balance"),
                        rs.getString("vip_tier"),
                        rs.getTimestamp("created_at").toInstant()))
            .list();
    if (rows.size() <= limit) {
      return new CustomerPage(rows, Optional.empty());
    }
    List<CustomerAccount> shown = rows.subList(0, limit);
    return new CustomerPage(
        List.copyOf(shown), Optional.of(token(shown.get(shown.size() - 1).customerId())));
  }

  /** The opaque token naming the position after a customer. */
  public static String token(String customerId) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((TOKEN_PREFIX + customerId).getBytes(StandardCharsets.UTF_8));
  }

  /** The customer id a token names, or empty when the token is not one this service handed out. */
  public static Optional<String> customerAfter(String token) {
    if (token == null || token.isEmpty() || token.length() > 100) {
      return Optional.empty();
    }
    try {
      String plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      if (!plain.startsWith(TOKEN_PREFIX)
          || !plain.substring(TOKEN_PREFIX.length()).matches("[A-Za-z0-9_.:@-]{1,64}")) {
        return Optional.empty();
      }
      return Optional.of(plain.substring(TOKEN_PREFIX.length()));
    } catch (IllegalArgumentException notBase64) {
      return Optional.empty();
    }
  }
}
