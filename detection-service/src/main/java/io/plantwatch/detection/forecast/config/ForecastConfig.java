package io.plantwatch.detection.forecast.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Forecast settings ({@code plantwatch.forecast.*}). */
@ConfigMapping(prefix = "plantwatch.forecast")
public interface ForecastConfig {

    /**
     * A live value raises FORECAST_DEVIATION when its distance from the forecast exceeds this many half-widths of the
     * 90 % prediction interval (on that side).
     */
    @WithDefault("3.0")
    double deviationFactor();

    /** How often forecasts generated on other instances are loaded for the live deviation check. */
    @WithDefault("30s")
    Duration refreshInterval();
}
