package io.pointsaga.starter.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pointsaga.shop.Shop;
import io.pointsaga.shop.Shops;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Bearer tokens per shop; an uninstalled shop's tokens are not valid. No valid token: 401. A valid
 * token for another shop than the path's: 404, as if the shop did not exist, so tokens cannot probe
 * which shops exist.
 */
@Component
public class AdminAuthentication implements HandlerInterceptor {
  static final String SHOP_ATTRIBUTE = AdminAuthentication.class.getName() + ".shop";

  private final Shops shops;
  private final ObjectMapper json;

  public AdminAuthentication(Shops shops, ObjectMapper json) {
    this.shops = shops;
    this.json = json;
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
      throws IOException {
    if (!(handler instanceof HandlerMethod)) {
      return true; // no API operation here: the answer is a 404 whoever asks
    }
    if (OperatorAuthentication.isOperatorRequest(request)) {
      return true; // the operator token was checked by OperatorAuthentication
    }
    String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
      return deny(
          response,
          401,
          "unauthorized",
          "Send the shop's admin token as 'Authorization: Bearer <token>'.");
    }
    Optional<Shop> shop = shops.findByAdminToken(header.substring(7).trim());
    if (shop.isEmpty()) {
      return deny(response, 401, "unauthorized", "The admin token is not valid.");
    }
    @SuppressWarnings("unchecked")
    Map<String, String> vars =
        (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
    String pathShop = vars == null ? null : vars.get("shop");
    if (pathShop != null && !pathShop.equalsIgnoreCase(shop.get().domain())) {
      return deny(response, 404, "not_found", "Shop " + pathShop + " not found.");
    }
    request.setAttribute(SHOP_ATTRIBUTE, shop.get());
    return true;
  }

  private boolean deny(HttpServletResponse response, int status, String error, String message)
      throws IOException {
    response.setStatus(status);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    if (status == 401) {
      response.setHeader("WWW-Authenticate", "Bearer");
    }
    json.writeValue(response.getOutputStream(), new ApiError(error, message));
    return false;
  }
}
