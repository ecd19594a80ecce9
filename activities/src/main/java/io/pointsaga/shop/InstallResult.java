package io.pointsaga.shop;

/** What {@link Shops#install} did with a domain. */
public sealed interface InstallResult {

  /** The domain was new, or its shop was uninstalled and is now active again. */
  record Installed(Shop shop, boolean reinstalled) implements InstallResult {}

  /** The domain is already installed and active: nothing changed. */
  record AlreadyActive(String domain) implements InstallResult {}
}
