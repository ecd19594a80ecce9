package io.pointsaga.platform;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Timeouts for calls to the platforms' APIs.
 *
 * @param connectTimeout how long to wait for a TCP (and TLS) connection
 * @param requestTimeout how long to wait for the answer to one request
 */
@ConfigurationProperties(prefix = "pointsaga.platform.http")
public record PlatformHttpSettings(
    @DefaultValue("5s") Duration connectTimeout, @DefaultValue("10s") Duration requestTimeout) {}
