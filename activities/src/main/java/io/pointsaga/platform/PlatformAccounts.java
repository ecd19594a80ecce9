package io.pointsaga.platform;

import java.util.Optional;

/** Where platform credentials come from (the shop table, or a fixed map in tests). */
public interface PlatformAccounts {
  Optional<PlatformAccount> find(String shopDomain);
}
