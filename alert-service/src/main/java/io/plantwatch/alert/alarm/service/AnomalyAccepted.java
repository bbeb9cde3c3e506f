package io.plantwatch.alert.alarm.service;

import io.plantwatch.alert.directory.service.DeviceInfo;
import io.plantwatch.contracts.event.AnomalyEvent;

import java.time.Instant;

/** An anomaly alert-service took in for the first time (CDI event; the digest journal records it). */
public record AnomalyAccepted(AnomalyEvent anomaly, DeviceInfo device, Instant at) {
}
