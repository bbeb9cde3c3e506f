package io.plantwatch.ingest.mqtt.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

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

    /** Client id; with a persistent session the broker keeps QoS 1 messages while ingest restarts. */
    @WithDefault("plantwatch-ingest")
    String clientId();

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
