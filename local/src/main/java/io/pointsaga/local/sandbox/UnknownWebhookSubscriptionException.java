package io.pointsaga.local.sandbox;

import org.springframework.http.HttpStatus;

class UnknownWebhookSubscriptionException extends SandboxRequestException {

  UnknownWebhookSubscriptionException(String shopDomain, String topic) {
    super(
        HttpStatus.NOT_FOUND,
        "webhook_subscription_not_found",
        "Shop '" + shopDomain + "' has no webhook subscription for topic " + topic);
  }
}
