package io.plantwatch.ingest.simulator.service;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Three-phase energy meters publishing to MQTT like real ones do: voltage (V), current (A), power (kW) and a
 * growing energy counter (kWh) as a JSON sample on {@code plantwatch/devices/{id}/telemetry}, QoS 1.
 */
public final class EnergyMeterSimulator {

    private final Vertx vertx;
    private final String host;
    private final int port;
    private final String topicRoot;
    private final List<String> meters;
    private final double[] energy;
    private final Random random = new Random(7);
    private MqttClient client;
    private boolean connecting;

    public EnergyMeterSimulator(Vertx vertx, String host, int port, String topicRoot, List<String> meters) {
        this.vertx = vertx;
        this.host = host;
        this.port = port;
        this.topicRoot = topicRoot;
        this.meters = List.copyOf(meters);
        this.energy = new double[meters.size()];
        for (int i = 0; i < energy.length; i++) {
            energy[i] = 12_000 + 1_000 * i;
        }
    }

    /** Called every interval on a Vert.x context: publishes one sample per meter, (re)connecting if needed. */
    public void tick(double intervalSeconds) {
        if (client == null || !client.isConnected()) {
            connect();
            return;
        }
        Instant now = Instant.now();
        double hour = (now.getEpochSecond() % 86_400) / 3600.0;
        double load = 0.6 + 0.3 * Math.sin((hour - 6) / 24 * 2 * Math.PI);
        for (int i = 0; i < meters.size(); i++) {
            double voltage = 230 + random.nextGaussian() * 1.2;
            double current = Math.max(0, (35 + 10 * i) * load + random.nextGaussian() * 0.8);
            double power = Math.sqrt(3) * 0.4 * current * 0.92;
            energy[i] += power * intervalSeconds / 3600.0;
            String json = String.format(Locale.ROOT,
                    "{\"ts\":\"%s\",\"values\":{\"voltage\":%.2f,\"current\":%.3f,\"power\":%.3f,\"energy\":%.4f}}",
                    now, voltage, current, power, energy[i]);
            client.publish(topicRoot + "/" + meters.get(i) + "/telemetry", Buffer.buffer(json), MqttQoS.AT_LEAST_ONCE, false, false);
        }
    }

    private void connect() {
        if (connecting) {
            return;
        }
        connecting = true;
        MqttClient c = MqttClient.create(vertx, new MqttClientOptions().setClientId(io.plantwatch.ingest.mqtt.config.MqttClientIds.unique("plantwatch-sim-meters"))
                .setCleanSession(true).setAutoKeepAlive(true));
        c.connect(port, host).onComplete(r -> {
            connecting = false;
            if (r.succeeded()) {
                client = c;
            }
        });
    }

    public void close() {
        if (client != null && client.isConnected()) {
            client.disconnect();
        }
    }
}
