package io.plantwatch.gateway.edge.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Rate limits at the edge ({@code plantwatch.gateway.rate-limit.*}): token buckets, one per caller. */
@ConfigMapping(prefix = "plantwatch.gateway.rate-limit")
public interface EdgeConfig {

    /** Switches the rate limits on. */
    @WithDefault("true")
    boolean enabled();

    /** Sustained requests per second of one signed-in user. */
    @WithDefault("50")
    double userRate();

    /** Requests one user may make at once before the sustained rate applies. */
    @WithDefault("300")
    int userBurst();

    /** Sustained requests per second of one device (device tokens, keyed by their deviceId). */
    @WithDefault("20")
    double deviceRate();

    /** Requests one device may make at once. */
    @WithDefault("100")
    int deviceBurst();

    /** Sustained requests per second from one address without a token (login, register, refresh). */
    @WithDefault("10")
    double anonymousRate();

    /** Requests without a token one address may make at once. */
    @WithDefault("60")
    int anonymousBurst();
}
