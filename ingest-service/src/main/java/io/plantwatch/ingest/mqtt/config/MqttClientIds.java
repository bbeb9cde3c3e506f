package io.plantwatch.ingest.mqtt.config;

import java.net.InetAddress;
import java.util.Optional;
import java.util.UUID;

/**
 * MQTT client ids unique per process: a broker disconnects the older of two connections with one id, so replicas
 * sharing a configured id would push each other off in a loop. The default is {@code prefix-host-pid}: the host name
 * is the container or pod name in compose and Kubernetes (stable across a container restart, so a persistent session
 * is picked up again), the pid tells apart several processes on one machine.
 */
public final class MqttClientIds {

    private MqttClientIds() {
    }

    /** The configured id when there is one, else one unique to this process. */
    public static String of(Optional<String> configured, String prefix) {
        return configured.filter(id -> !id.isBlank()).orElseGet(() -> unique(prefix));
    }

    public static String unique(String prefix) {
        return prefix + "-" + hostName() + "-" + ProcessHandle.current().pid();
    }

    private static String hostName() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (Exception unknown) {
                host = UUID.randomUUID().toString().substring(0, 8);
            }
        }
        // client ids are plain strings, but keep them readable in broker logs
        return host.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
