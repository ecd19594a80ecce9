package io.pointsaga.settings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stored shop settings; a shop that never saved any has the defaults. */
@Repository
public class Settings {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final JdbcClient jdbc;
  private final Clock clock;

  public Settings(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public ShopSettings of(long shopId) {
    return jdbc.sql("select settings::text from shop_settings where shop_id = ?")
        .param(shopId)
        .query(String.class)
        .optional()
        .map(Settings::parse)
        .orElseGet(ShopSettings::defaults);
  }

  public ShopSettings save(long shopId, ShopSettings settings) {
    jdbc.sql(
            """
            insert into shop_settings (shop_id, settings, updated_at) values (?, ?::jsonb, ?)
            on conflict (shop_id) do update set settings = excluded.settings, updated_at = excluded.updated_at
            """)
        .params(shopId, write(settings), Timestamp.from(clock.instant()))
        .update();
    return settings;
  }

  private static ShopSettings parse(String json) {
    try {
      return JSON.readValue(json, ShopSettings.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored shop settings are unreadable: " + e.getMessage(), e);
    }
  }

  private static String write(ShopSettings settings) {
    try {
      return JSON.writeValueAsString(settings);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
