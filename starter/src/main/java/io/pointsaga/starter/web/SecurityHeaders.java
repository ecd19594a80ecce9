package io.pointsaga.starter.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Headers on every answer (SPEC §8): a Content-Security-Policy that allows only this origin's own
 * files and no framing, no MIME sniffing, no referrer. The admin page keeps its script and styles
 * in files of their own, so it needs no inline allowance; Swagger UI sets inline styles.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class SecurityHeaders extends OncePerRequestFilter {
  static final String POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; font-src 'self'; manifest-src 'self'; base-uri 'none';"
          + " form-action 'self'; frame-ancestors 'none'";

  static final String SWAGGER_UI_POLICY =
      POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");

  /**
   * BigCommerce shows a single-click app's load page inside its control panel (an iframe on the
   * store's {@code *.mybigcommerce.com} address): only that page may be framed, and only there.
   */
  static final String BIGCOMMERCE_LOAD_PATH = "/bigcommerce/load";

  static final String BIGCOMMERCE_LOAD_POLICY =
      POLICY.replace(
          "frame-ancestors 'none'",
          "frame-ancestors https://*.mybigcommerce.com https://*.bigcommerce.com");

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    apply(response, request.getRequestURI());
    chain.doFilter(request, response);
  }

  @Override
  protected boolean shouldNotFilterErrorDispatch() {
    return false;
  }

  static void apply(HttpServletResponse response, String path) {
    boolean swaggerUi = path != null && path.startsWith("/swagger-ui");
    boolean bigCommerceLoad = BIGCOMMERCE_LOAD_PATH.equals(path);
    response.setHeader(
        "Content-Security-Policy",
        bigCommerceLoad ? BIGCOMMERCE_LOAD_POLICY : swaggerUi ? SWAGGER_UI_POLICY : POLICY);
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Referrer-Policy", "no-referrer");
    if (!bigCommerceLoad) {
      // X-Frame-Options has no allow-list: the load page relies on frame-ancestors alone
      response.setHeader("X-Frame-Options", "DENY");
    }
  }
}
