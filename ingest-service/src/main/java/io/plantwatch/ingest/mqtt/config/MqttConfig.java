package io.plantwatch.ingest.mqtt.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** The MQTT subscriber ({@code plantwatch.mqtt.*}). */
@ConfigMapping(prefix = "plantwatch.mqtt")
public interface MqttConfig {

    /** Subscribe to device topics at all. */
    @WithDefault("true")
    boolean enabled();

    /** Broker host. */
    @WithDefault("127.0.0.1")
    String host();

    /** Broker port. */
    @WithDefault("1883")
    int port();

    /**
     * Client id, one per instance (a broker drops the older connection of two with one id); unset: unique per process,
     * {@code plantwatch-ingest-<host>-<pid>}. With a persistent session the broker keeps QoS 1 messages for it.
     */
    Optional<String> clientId();

    /**
     * Subscribe as a shared subscription ({@code $share/<shared-group>/...}): the broker hands each device message to
     * one ingest instance of the group, so scaled-out instances do not each ingest it (false: plain subscriptions).
     */
    @WithDefault("true")
    boolean shared();

    /** The shared-subscription group of all ingest instances. */
    @WithDefault("plantwatch-ingest")
    String sharedGroup();

    /** False keeps the session (and undelivered QoS 1 messages) across reconnects. */
    @WithDefault("false")
    boolean cleanSession();

    /** Topic root: devices publish to {root}/{deviceId}/telemetry[/{channel}] and {root}/{deviceId}/status. */
    @WithDefault("plantwatch/devices")
    String topicRoot();

    /** Largest payload accepted; larger ones are dead-lettered as oversized. */
    @WithDefault("65536")
    int maxPayloadBytes();

    /** First wait before reconnecting after the broker went away; doubles up to reconnect-max. */
    @WithDefault("PT0.5S")
    Duration reconnectMin();

    /** Longest wait between reconnect attempts. */
    @WithDefault("PT5S")
    Duration reconnectMax();
}
