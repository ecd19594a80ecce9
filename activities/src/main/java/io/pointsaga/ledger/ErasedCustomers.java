package io.pointsaga.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Tombstones of erased customers (SPEC §9): a redaction records one, in its own transaction, for
 * the platform id it erased, and the ledger refuses to write under that id again. Only a hash of
 * the shop and the id is kept, never the id.
 */
public class ErasedCustomers {
  private final JdbcClient jdbc;

  public ErasedCustomers(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Records that {@code customerId} of the shop was erased; a repeat changes nothing. */
  public void record(long shopId, String customerId, Instant erasedAt) {
    jdbc.sql(
            """
            insert into erased_customer (shop_id, customer_hash, erased_at) values (?, ?, ?)
            on conflict do nothing
            """)
        .params(shopId, hash(shopId, customerId), Timestamp.from(erasedAt))
        .update();
  }

  public boolean isErased(long shopId, String customerId) {
    return jdbc.sql(
            "select exists (select 1 from erased_customer where shop_id = ? and customer_hash = ?)")
        .params(shopId, hash(shopId, customerId))
        .query(Boolean.class)
        .single();
  }

  static String hash(long shopId, String customerId) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      byte[] digest = sha256.digest((shopId + ":" + customerId).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
  }
}
