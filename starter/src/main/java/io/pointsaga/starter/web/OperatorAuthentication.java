package io.pointsaga.starter.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The operator's door: every actuator endpoint but health, the operator API under {@code
 * /api/v1/ledger} and {@code /api/v1/operator} (privacy requests of any shop), and installing and
 * uninstalling shops ({@code POST /api/v1/shops}, {@code DELETE /api/v1/shops/{shop}}) need {@code
 * Authorization: Bearer <pointsaga.operator-token>}. A filter rather than an MVC interceptor
 * because actuator endpoints have a handler mapping of their own. Without a configured token nobody
 * gets in (403).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
@EnableConfigurationProperties(OperatorProperties.class)
public class OperatorAuthentication extends OncePerRequestFilter {
  /** Paths of the operator API (the admin-token interceptor leaves these alone). */
  public static final String OPERATOR_API = "/api/v1/ledger";

  /** The operator's shop operations (privacy requests of any shop, SPEC §9). */
  public static final String OPERATOR_SHOPS_API = "/api/v1/operator";

  /**
   * Shops: installing ({@code POST}) and uninstalling ({@code DELETE /{shop}}) are the operator's.
   */
  public static final String SHOPS_API = "/api/v1/shops";

  private final OperatorProperties properties;
  private final ObjectMapper json;

  public OperatorAuthentication(OperatorProperties properties, ObjectMapper json) {
    this.properties = properties;
    this.json = json;
  }

  static boolean isOperatorPath(String path) {
    boolean actuator = path.equals("/actuator") || path.startsWith("/actuator/");
    boolean health = path.equals("/actuator/health") || path.startsWith("/actuator/health/");
    return (actuator && !health) || isOperatorApi(path);
  }

  /** Whether {@code path} is part of the operator API (operator token, no admin token). */
  public static boolean isOperatorApi(String path) {
    return under(path, OPERATOR_API) || under(path, OPERATOR_SHOPS_API);
  }

  private static boolean under(String path, String prefix) {
    return path.equals(prefix) || path.startsWith(prefix + "/");
  }

  /**
   * Whether the operator token guards this request. The one rule for the filter, the admin-token
   * interceptor (which leaves these alone) and the OpenAPI document; {@code path} may be a path
   * template such as {@code /api/v1/shops/{shop}}.
   */
  public static boolean isOperatorRequest(String method, String path) {
    return isOperatorPath(path) || isShopInstallOrUninstall(method, path);
  }

  static boolean isOperatorRequest(HttpServletRequest request) {
    String path =
        request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    return isOperatorRequest(request.getMethod(), path);
  }

  private static boolean isShopInstallOrUninstall(String method, String path) {
    if ("POST".equalsIgnoreCase(method)) {
      return path.equals(SHOPS_API);
    }
    if ("DELETE".equalsIgnoreCase(method) && path.startsWith(SHOPS_API + "/")) {
      String shop = path.substring(SHOPS_API.length() + 1);
      return !shop.isEmpty() && shop.indexOf('/') < 0;
    }
    return false;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !isOperatorRequest(request);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!properties.configured()) {
      deny(
          response,
          403,
          "forbidden",
          "No operator token is configured on this node (POINTSAGA_OPERATOR_TOKEN); operator endpoints are closed.");
      return;
    }
    String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      deny(
          response,
          401,
          "unauthorized",
          "Send the operator token as 'Authorization: Bearer <token>'.");
      return;
    }
    if (!sameSecret(header.substring(7).trim(), properties.operatorToken())) {
      deny(response, 401, "unauthorized", "The operator token is not valid.");
      return;
    }
    chain.doFilter(request, response);
  }

  private static boolean sameSecret(String given, String expected) {
    return MessageDigest.isEqual(sha256(given), sha256(expected));
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private void deny(HttpServletResponse response, int status, String error, String message)
      throws IOException {
    response.setStatus(status);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    if (status == 401) {
      response.setHeader("WWW-Authenticate", "Bearer");
    }
    json.writeValue(response.getOutputStream(), new ApiError(error, message));
  }
}
