package io.pointsaga.starter.settings;

import io.pointsaga.settings.Settings;
import io.pointsaga.shop.Shop;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The shop's refund policies and VIP tiers (SPEC §3). GET answers the stored settings, or the
 * defaults if the shop never saved any; PUT replaces them (see {@link SettingsDocument} for what a
 * left-out field means) and answers what was saved.
 */
@RestController
@RequestMapping("/api/v1/shops/{shop}/settings")
class SettingsController {
  private final Settings settings;

  SettingsController(Settings settings) {
    this.settings = settings;
  }

  @GetMapping
  SettingsDocument get(Shop shop) {
    return SettingsDocument.of(settings.of(shop.id()));
  }

  @PutMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  SettingsDocument put(Shop shop, @RequestBody SettingsDocument request) {
    return SettingsDocument.of(settings.save(shop.id(), request.toSettings()));
  }
}
