package io.pointsaga.local.sandbox;

/**
 * A webhook subscription registered on a simulated Shopify shop: where the platform will deliver
 * the topic's webhooks.
 *
 * @param id Shopify's GraphQL id, {@code gid://shopify/WebhookSubscription/{n}}
 * @param topic Shopify's enum name, e.g. {@code ORDERS_PAID}
 * @param uri the callback address
 */
record SimulatedWebhookSubscription(String id, String topic, String uri, String format) {}
