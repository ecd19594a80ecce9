package io.pointsaga.starter.web;

import io.pointsaga.shop.Shop;
import org.springframework.core.MethodParameter;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Gives API handlers the {@link Shop} whose admin token authenticated the request. */
@Component
public class AuthenticatedShopResolver implements HandlerMethodArgumentResolver {

  @Override
  public boolean supportsParameter(MethodParameter parameter) {
    return parameter.getParameterType() == Shop.class;
  }

  @Override
  public Object resolveArgument(
      MethodParameter parameter,
      ModelAndViewContainer mav,
      NativeWebRequest request,
      WebDataBinderFactory binders) {
    Object shop =
        request.getAttribute(AdminAuthentication.SHOP_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
    if (shop == null) {
      throw new IllegalStateException("API handler reached without authentication");
    }
    return shop;
  }
}
