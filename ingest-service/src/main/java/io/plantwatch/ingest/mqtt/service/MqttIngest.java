package io.plantwatch.ingest.mqtt.service;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.plantwatch.contracts.event.Source;
import io.plantwatch.ingest.mqtt.config.MqttClientIds;
import io.plantwatch.ingest.mqtt.config.MqttConfig;
import io.plantwatch.ingest.reading.config.IngestConfig;
import io.plantwatch.ingest.reading.kafka.ReadingBuffer;
import io.plantwatch.ingest.reading.service.IntakeService;
import io.plantwatch.ingest.reading.service.RejectedPayload;
import io.plantwatch.ingest.reading.service.SampleValidator;
import io.quarkus.runtime.ShutdownEvent;
import io.plantwatch.ingest.device.service.DeviceRegistry;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mqtt.messages.MqttPublishMessage;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Ingest of MQTT devices: subscribes (QoS 1) to {@code plantwatch/devices/+/telemetry}, {@code …/telemetry/+} and
 * {@code …/status}, as a shared subscription of all ingest instances (each message goes to one of them), with a
 * client id unique to the instance. A message is acknowledged to the broker only once Kafka has its reading (or the dead-letter
 * topic its rejection); while the ingest buffer is full it is held back, and the broker's in-flight limit slows
 * the devices down instead of anything being dropped.
 */
@ApplicationScoped
public class MqttIngest {

    private static final Logger LOG = Logger.getLogger(MqttIngest.class);
    private static final long FULL_RETRY_MS = 200;

    private final Vertx vertx;
    private final MqttConfig config;
    private final IntakeService intake;
    private final MqttPayloadParser parser;
    private final String clientId;
    private MqttConnection connection;

    public MqttIngest(Vertx vertx, MqttConfig config, IngestConfig ingest, IntakeService intake) {
        this.vertx = vertx;
        this.config = config;
        this.intake = intake;
        this.clientId = MqttClientIds.of(config.clientId(), "plantwatch-ingest");
        this.parser = new MqttPayloadParser(config.topicRoot(), new SampleValidator(ingest.maxFutureSkew(),
                ingest.maxPastAge(), ingest.maxChannelsPerSample()), config.maxPayloadBytes());
    }

    /** Once the registry is loaded: queued QoS 1 messages arrive right after subscribing and need their devices. */
    void start(@Observes @Priority(DeviceRegistry.STARTUP_PRIORITY + 1) StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        String root = subscriptionPrefix() + config.topicRoot();
        Map<String, Integer> topics = Map.of(root + "/+/telemetry", MqttQoS.AT_LEAST_ONCE.value(),
                root + "/+/telemetry/+", MqttQoS.AT_LEAST_ONCE.value(), root + "/+/status", MqttQoS.AT_LEAST_ONCE.value());
        connection = new MqttConnection(vertx, config.host(), config.port(), clientId(), config.cleanSession(),
                topics, this::onMessage, config.reconnectMin(), config.reconnectMax());
        connection.start();
    }

    void stop(@Observes ShutdownEvent event) {
        if (connection != null) {
            connection.stop();
        }
    }

    /** This instance's MQTT client id (configured, or unique to the process). */
    public String clientId() {
        return clientId;
    }

    /** {@code $share/<group>/} when instances share the device topics, else nothing. */
    public String subscriptionPrefix() {
        return config.shared() ? "$share/" + config.sharedGroup() + "/" : "";
    }

    /** True while subscribed. */
    public boolean connected() {
        return connection != null && connection.connected();
    }

    void onMessage(MqttPublishMessage message) {
        Context context = Vertx.currentContext();
        byte[] payload = message.payload().getBytes();
        CompletionStage<Void> done;
        try {
            MqttPayloadParser.Message parsed = parser.parse(message.topicName(), payload, Instant.now());
            if (parsed instanceof MqttPayloadParser.Status s) {
                intake.reportStatus(s.deviceId(), s.online(), s.reason());
                ack(context, message);
                return;
            }
            MqttPayloadParser.Telemetry t = (MqttPayloadParser.Telemetry) parsed;
            done = intake.submit(t.deviceId(), Source.MQTT, List.of(t.sample()), text(payload));
        } catch (RejectedPayload rejected) {
            done = intake.reject(rejected.deviceId(), Source.MQTT, rejected.reason(), rejected.errors(),
                    "topic " + message.topicName() + ": " + text(payload));
        } catch (ReadingBuffer.Full full) {
            vertx.setTimer(FULL_RETRY_MS, t -> onMessage(message));
            return;
        }
        done.whenComplete((ok, e) -> {
            Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
            if (e == null) {
                ack(context, message);
            } else if (cause instanceof ReadingBuffer.Full) {
                vertx.setTimer(FULL_RETRY_MS, t -> onMessage(message));
            } else {
                LOG.warnf("MQTT message on %s not taken (%s); the broker redelivers it after a reconnect",
                        message.topicName(), e.toString());
            }
        });
    }

    private static void ack(Context context, MqttPublishMessage message) {
        if (message.qosLevel() == MqttQoS.AT_MOST_ONCE) {
            return;
        }
        Runnable ack = () -> {
            try {
                message.ack();
            } catch (RuntimeException connectionGone) {
                // the broker redelivers it on the next connection; the reading id makes the replay harmless
            }
        };
        if (context == null) {
            ack.run();
        } else {
            context.runOnContext(v -> ack.run());
        }
    }

    private static String text(byte[] payload) {
        return new String(payload, 0, Math.min(payload.length, 16384), StandardCharsets.UTF_8);
    }
}
