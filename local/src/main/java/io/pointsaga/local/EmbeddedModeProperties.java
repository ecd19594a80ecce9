package io.pointsaga.local;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What {@link EmbeddedInfrastructure} started, for the banner and the recovery at start.
 *
 * @param dataDirectory where PostgreSQL (and the dev server's file) keep their data; blank for a
 *     throwaway database
 * @param temporalDescription which Temporal server runs, in one line
 * @param temporalUi the Temporal UI's URL; blank without one
 * @param temporalDurable whether the server keeps workflows across restarts
 */
@ConfigurationProperties(prefix = "pointsaga.embedded")
record EmbeddedModeProperties(
    @DefaultValue("") String dataDirectory,
    @DefaultValue("") String temporalDescription,
    @DefaultValue("") String temporalUi,
    @DefaultValue("false") boolean temporalDurable) {}
