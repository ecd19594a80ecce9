package io.pointsaga.starter.webhook;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The inbox relay runs on Spring's scheduler. */
@Configuration
@EnableScheduling
class WebhookConfiguration {}
