package io.pointsaga.starter.install;

import io.pointsaga.platform.WebhookSubscription;
import io.pointsaga.starter.install.CallbackPage.Paragraph;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The words of the pages a merchant's browser sees after an install callback. */
final class InstallPages {
  private InstallPages() {}

  static CallbackPage installed(
      String domain,
      String adminToken,
      List<WebhookSubscription> subscriptions,
      String adminPage,
      String platform) {
    List<Paragraph> paragraphs = new ArrayList<>();
    paragraphs.add(
        Paragraph.of(
            "PointSaga is now installed on %s: it earns and adjusts loyalty points from the orders"
                    .formatted(domain)
                + " and refunds %s reports.".formatted(platform)));
    paragraphs.add(Paragraph.withLink("The shop's admin page is at", adminPage));
    paragraphs.add(
        Paragraph.withCode(
            "Sign in there with this admin token. It is shown only this once: keep it somewhere"
                + " safe.",
            adminToken));
    paragraphs.add(
        Paragraph.of(
            "Webhook subscriptions on %s: %s."
                .formatted(
                    platform,
                    subscriptions.stream()
                        .map(s -> s.topic() + " " + s.status())
                        .collect(Collectors.joining(", ")))));
    return new CallbackPage("PointSaga is installed", paragraphs);
  }

  static CallbackPage storeStatus(
      String domain, BigCommerceAppController.StoreStatus status, String adminPage) {
    return switch (status) {
      case INSTALLED ->
          new CallbackPage(
              "PointSaga is installed",
              List.of(
                  Paragraph.of("PointSaga is installed on store %s.".formatted(domain)),
                  Paragraph.withLink(
                      "Manage points, rewards and redemptions on its admin page:", adminPage)));
      case UNINSTALLED ->
          new CallbackPage(
              "PointSaga is uninstalled",
              List.of(
                  Paragraph.of(
                      ("PointSaga was uninstalled from store %s; its points ledger is kept. Install"
                              + " the app again from the BigCommerce control panel to use it.")
                          .formatted(domain))));
      case NOT_INSTALLED ->
          new CallbackPage(
              "PointSaga is not installed",
              List.of(
                  Paragraph.of(
                      "PointSaga is not installed on store %s. Install the app from the BigCommerce control panel."
                          .formatted(domain))));
    };
  }
}
