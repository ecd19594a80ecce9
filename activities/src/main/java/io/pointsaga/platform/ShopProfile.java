package io.pointsaga.platform;

/**
 * What the platform says about a shop when its credentials are checked.
 *
 * @param currency the shop's currency (ISO 4217), as the platform reports it
 */
public record ShopProfile(String name, String currency) {}
