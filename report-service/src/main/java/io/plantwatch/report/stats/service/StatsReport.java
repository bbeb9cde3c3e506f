package io.plantwatch.report.stats.service;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/** Statistics per device channel over [from, to), and the energy of all power channels together. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StatsReport(Instant from, Instant to, List<ChannelStats> channels, Double energyKwhTotal) {
}
