package io.pointsaga.starter.install;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The OAuth {@code state} nonces: random, for one shop, expiring, consumed once. */
@Component
class OAuthStates {
  private static final int NONCE_BYTES = 24;

  private final JdbcClient jdbc;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  OAuthStates(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** A new nonce for the shop, valid for {@code ttl}; expired nonces are dropped on the way. */
  String issue(String shopDomain, Duration ttl) {
    Instant now = clock.instant();
    jdbc.sql("delete from oauth_state where expires_at < ?")
        .param(java.sql.Timestamp.from(now.minus(Duration.ofDays(1))))
        .update();
    byte[] bytes = new byte[NONCE_BYTES];
    random.nextBytes(bytes);
    String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    jdbc.sql("insert into oauth_state (nonce, shop_domain, expires_at) values (?, ?, ?)")
        .params(nonce, shopDomain, java.sql.Timestamp.from(now.plus(ttl)))
        .update();
    return nonce;
  }

  /** Consumes the nonce: true only once, for its shop, before it expires. */
  boolean consume(String nonce, String shopDomain) {
    java.sql.Timestamp now = java.sql.Timestamp.from(clock.instant());
    return jdbc.sql(
                "update oauth_state set used_at = ? where nonce = ? and shop_domain = ?"
                    + " and used_at is null and expires_at > ?")
            .params(now, nonce, shopDomain, now)
            .update()
        == 1;
  }
}
