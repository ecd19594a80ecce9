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
import org.springframework.transaction.annotation.Transactional;

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
              rs.getString("currency"),
              ShopStatus.valueOf(rs.getString("status")));

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

  /** The installed shop a live admin token belongs to. */
  public Optional<Shop> findByAdminToken(String token) {
    return jdbc.sql(
            """
            select s.* from shop s join admin_token t on t.shop_id = s.id
            where t.token_sha256 = ? and t.revoked_at is null and s.status = 'ACTIVE'
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

  /**
   * Installs the shop: a new domain is created, an uninstalled one is reactivated with the new
   * platform settings (its ledger kept, its old admin tokens still revoked). An active domain is
   * left untouched. One statement, so two concurrent installs of a domain cannot both succeed.
   */
  public InstallResult install(
      String domain,
      PlatformKind platform,
      String apiBaseUrl,
      String apiAccessToken,
      String webhookSecret,
      String currency) {
    Optional<Shop> existing = findByDomain(domain);
    Optional<Shop> installed =
        jdbc.sql(
                """
                insert into shop (domain, platform, api_base_url, api_access_token, webhook_secret,
                                  currency)
                values (?, ?, ?, ?, ?, ?)
                on conflict (domain) do update set platform = excluded.platform,
                    api_base_url = excluded.api_base_url,
                    api_access_token = excluded.api_access_token,
                    webhook_secret = excluded.webhook_secret, currency = excluded.currency,
                    status = 'ACTIVE', uninstalled_at = null
                  where shop.status = 'UNINSTALLED'
                returning *
                """)
            .params(domain, platform.name(), apiBaseUrl, apiAccessToken, webhookSecret, currency)
            .query(SHOP)
            .optional();
    if (installed.isPresent()) {
      // A domain erased before (shop/redact) starts afresh: its tombstone goes.
      jdbc.sql("delete from erased_shop where domain = ?").params(domain).update();
    }
    return installed
        .<InstallResult>map(shop -> new InstallResult.Installed(shop, existing.isPresent()))
        .orElseGet(() -> new InstallResult.AlreadyActive(domain));
  }

  /**
   * Marks the shop uninstalled and revokes its admin tokens; the ledger stays. Answers false when
   * the shop was not active (unknown or already uninstalled).
   */
  @Transactional
  public boolean uninstall(long shopId) {
    int changed =
        jdbc.sql(
                """
                update shop set status = 'UNINSTALLED', uninstalled_at = now()
                where id = ? and status = 'ACTIVE'
                """)
            .param(shopId)
            .update();
    jdbc.sql("update admin_token set revoked_at = now() where shop_id = ? and revoked_at is null")
        .param(shopId)
        .update();
    return changed == 1;
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
