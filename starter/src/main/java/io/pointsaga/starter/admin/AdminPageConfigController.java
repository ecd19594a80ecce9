package io.pointsaga.starter.admin;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the admin page needs to know about this deployment, public because it holds no secret: where
 * the Temporal UI is ({@code POINTSAGA_TEMPORAL_UI_URL}, empty for no links) and the namespace the
 * sagas run in, so that each saga the page shows links to its history.
 */
@Hidden
@RestController
class AdminPageConfigController {
  private final AdminPageConfig config;

  AdminPageConfigController(
      @Value("${pointsaga.temporal-ui-url:}") String temporalUiUrl,
      @Value("${spring.temporal.namespace:default}") String namespace) {
    this.config =
        new AdminPageConfig(temporalUiUrl.isBlank() ? null : temporalUiUrl.strip(), namespace);
  }

  @GetMapping("/admin/config")
  AdminPageConfig config() {
    return config;
  }

  record AdminPageConfig(String temporalUiUrl, String namespace) {}
}
