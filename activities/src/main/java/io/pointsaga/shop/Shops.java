package io.pointsaga.shop;

import io.pointsaga.platform.PlatformAccount;
import io.pointsaga.platform.PlatformAccounts;
import io.pointsaga.platform.PlatformKind;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Shops and their admin tokens. Tokens are stored as SHA-256 hashes, never in clear. */
@Repository
public class Shops implements PlatformAccounts {
  private static final RowMapper<Shop> SHOP =
      (rs, n) ->
          new Shop(
              rs.getLong("id"),
              rs.getString("domain"),
              PlatformKind.valueOf(rs.getString("platform")),
              rs.getString("api_base_url"),
              rs.getString("api_access_token"),
              rs.getString("webhook_secret"),
              rs.getString("currency"));

  private final JdbcClient jdbc;

  public Shops(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<Shop> findByDomain(String domain) {
    return jdbc.sql("select * from shop where domain = ?").param(domain).query(SHOP).optional();
  }

  public Optional<Shop> findById(long id) {
    return jdbc.sql("select * from shop where id = ?").param(id).query(SHOP).optional();
  }

  /** The shop a live admin token belongs to. */
  public Optional<Shop> findByAdminToken(String token) {
    return jdbc.sql(
            """
            select s.* from shop s join admin_token t on t.shop_id = s.id
            where t.token_sha256 = ? and t.revoked_at is null
            """)
        .param(sha256(token))
        .query(SHOP)
        .optional();
  }

  @Override
  public Optional<PlatformAccount> find(String shopDomain) {
    return findByDomain(shopDomain).map(Shop::platformAccount);
  }

  /** Creates the shop, or updates its platform settings if the domain exists; returns it. */
  public Shop upsert(
      String domain,
      PlatformKind platform,
      String apiBaseUrl,
      String apiAccessToken,
      String webhookSecret,
      String currency) {
    return jdbc.sql(
            """
            insert into shop (domain, platform, api_base_url, api_access_token, webhook_secret, currency)
            values (?, ?, ?, ?, ?, ?)
            on conflict (domain) do update set platform = excluded.platform,
                api_base_url = excluded.api_base_url, api_access_token = excluded.api_access_token,
                webhook_secret = excluded.webhook_secret, currency = excluded.currency
            returning *
            """)
        .params(domain, platform.name(), apiBaseUrl, apiAccessToken, webhookSecret, currency)
        .query(SHOP)
        .single();
  }

  /** Grants an admin token to the shop (idempotent). */
  public void addAdminToken(long shopId, String token, String label) {
    jdbc.sql(
            """
            insert into admin_token (token_sha256, shop_id, label) values (?, ?, ?)
            on conflict (token_sha256) do nothing
            """)
        .params(sha256(token), shopId, label)
        .update();
  }

  static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
