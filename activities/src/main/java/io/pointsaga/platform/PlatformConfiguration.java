package io.pointsaga.platform;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds {@link PlatformHttpSettings} for {@link PlatformActivitiesImpl}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PlatformHttpSettings.class)
public class PlatformConfiguration {}
