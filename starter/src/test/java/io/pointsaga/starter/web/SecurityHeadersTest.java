package io.pointsaga.starter.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;

class SecurityHeadersTest {

  @Test
  void everyPageRefusesToBeFramed() {
    MockHttpServletResponse response = new MockHttpServletResponse();

    SecurityHeaders.apply(response, "/admin/");

    assertThat(response.getHeader("Content-Security-Policy")).contains("frame-ancestors 'none'");
    assertThat(response.getHeader("X-Frame-Options")).isEqualTo("DENY");
  }

  @Test
  void bigCommercesLoadPageMayBeFramedByTheStoresControlPanelOnly() {
    MockHttpServletResponse response = new MockHttpServletResponse();

    SecurityHeaders.apply(response, "/bigcommerce/load");

    assertThat(response.getHeader("Content-Security-Policy"))
        .contains("frame-ancestors https://*.mybigcommerce.com https://*.bigcommerce.com")
        .contains("script-src 'self'")
        .doesNotContain("frame-ancestors 'none'");
    assertThat(response.getHeader("X-Frame-Options")).isNull();
    assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
  }

  @Test
  void otherBigCommerceCallbacksStayUnframed() {
    MockHttpServletResponse response = new MockHttpServletResponse();

    SecurityHeaders.apply(response, "/bigcommerce/auth");

    assertThat(response.getHeader("X-Frame-Options")).isEqualTo("DENY");
  }
}
