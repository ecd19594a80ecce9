package io.pointsaga.starter.webhook;

/**
 * What the webhook intake answers with 200: every delivery the platform should not send again.
 * Errors (401, 400) are {@code ApiError}s.
 */
sealed interface WebhookAnswer {
  String status();

  /** Recorded; its saga runs after the response. */
  record Accepted(String status, long inboxId, String businessKey) implements WebhookAnswer {
    Accepted(long inboxId, String businessKey) {
      this("accepted", inboxId, businessKey);
    }
  }

  /** The delivery, or its business event, was recorded before: nothing new. */
  record Duplicate(String status, String businessKey) implements WebhookAnswer {
    Duplicate(String businessKey) {
      this("duplicate", businessKey);
    }
  }

  /** A topic the order saga does not handle. */
  record Ignored(String status, String message) implements WebhookAnswer {
    Ignored(String message) {
      this("ignored", message);
    }
  }

  /** The platform says the merchant uninstalled PointSaga: the shop is now UNINSTALLED. */
  record Uninstalled(String status, String shop) implements WebhookAnswer {
    Uninstalled(String shop) {
      this("uninstalled", shop);
    }
  }

  /**
   * Authentic but invalid (SPEC §8): kept as rejected and shown in the attention queue, never
   * applied; answered 200 so that the platform does not retry a poison payload.
   */
  record Rejected(String status, String reason) implements WebhookAnswer {
    Rejected(String reason) {
      this("rejected", reason);
    }
  }
}
