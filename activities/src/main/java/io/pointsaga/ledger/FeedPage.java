package io.pointsaga.ledger;

import java.util.List;
import java.util.Optional;

/** One page of an activity feed, newest first, and where the next (older) page starts. */
public record FeedPage(List<ActivityItem> entries, Optional<FeedCursor> next) {}
