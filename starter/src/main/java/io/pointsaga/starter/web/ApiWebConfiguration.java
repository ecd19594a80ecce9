package io.pointsaga.starter.web;

import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration
public class ApiWebConfiguration implements WebMvcConfigurer {
  private final AdminAuthentication authentication;
  private final AuthenticatedShopResolver shopResolver;

  public ApiWebConfiguration(
      AdminAuthentication authentication, AuthenticatedShopResolver shopResolver) {
    this.authentication = authentication;
    this.shopResolver = shopResolver;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    // Operator operations under /api pass through: AdminAuthentication asks OperatorAuthentication.
    registry.addInterceptor(authentication).addPathPatterns("/api/**");
  }

  @Override
  public void addViewControllers(ViewControllerRegistry registry) {
    registry.addRedirectViewController("/", "/admin/");
    registry.addRedirectViewController("/admin", "/admin/");
    registry.addViewController("/admin/").setViewName("forward:/admin/index.html");
  }

  @Override
  public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
    resolvers.add(shopResolver);
  }
}
