package io.plantwatch.gateway.live.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The live feed ({@code plantwatch.gateway.live.*}). */
@ConfigMapping(prefix = "plantwatch.gateway.live")
public interface LiveConfig {

    /** At most one reading per device per interval goes to screens; readings in between are merged (min/max kept). */
    @WithDefault("PT1S")
    Duration readingInterval();

    /** Events held for one client that reads too slowly; beyond this its newest events are dropped and counted. */
    @WithDefault("2000")
    int clientBuffer();

    /** Interval of the heartbeat event, so clients and proxies see the stream is alive. */
    @WithDefault("PT15S")
    Duration heartbeat();

    /** Most live clients at once; more get 503. */
    @WithDefault("500")
    int maxClients();
}
