package io.pointsaga.worker;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The worker's HTTP port serves the actuator only: {@code /actuator/health} to anyone, everything
 * else ({@code /actuator/prometheus}) with {@code Authorization: Bearer
 * <POINTSAGA_OPERATOR_TOKEN>}, the same operator token as the starter's (SPEC §8, §12). Without a
 * configured token nothing but health opens (403). Answers are JSON {@code {"error","message"}}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class ActuatorAuthentication extends OncePerRequestFilter {
  private final String operatorToken;

  ActuatorAuthentication(@Value("${pointsaga.operator-token:}") String operatorToken) {
    this.operatorToken = operatorToken == null ? "" : operatorToken.trim();
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI();
    return path.equals("/actuator/health") || path.startsWith("/actuator/health/");
  }

  @Override
  protected boolean shouldNotFilterErrorDispatch() {
    return false;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (operatorToken.isEmpty()) {
      deny(
          response,
          403,
          "forbidden",
          "No operator token is configured on this worker (POINTSAGA_OPERATOR_TOKEN); only"
              + " /actuator/health is open.");
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
    if (!MessageDigest.isEqual(sha256(header.substring(7).trim()), sha256(operatorToken))) {
      deny(response, 401, "unauthorized", "The operator token is not valid.");
      return;
    }
    chain.doFilter(request, response);
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void deny(HttpServletResponse response, int status, String error, String message)
      throws IOException {
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    if (status == 401) {
      response.setHeader("WWW-Authenticate", "Bearer");
    }
    // error and message are constants of this class: no escaping needed
    response.getWriter().write("{\"error\":\"" + error + "\",\"message\":\"" + message + "\"}");
  }
}
