package io.plantwatch.ingest.mqtt.service;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import io.vertx.mqtt.messages.MqttPublishMessage;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Map;

/**
 * A subscription that outlives broker restarts: connects, subscribes, and when the connection drops (or cannot be
 * made) tries again with exponential backoff, each time with a fresh client. Messages are not acknowledged
 * automatically: the handler calls {@link MqttPublishMessage#ack()} once the data are safe, so that a QoS 1
 * message is redelivered if ingest dies before that.
 */
public final class MqttConnection {

    private static final Logger LOG = Logger.getLogger(MqttConnection.class);

    private final Vertx vertx;
    private final String host;
    private final int port;
    private final MqttClientOptions options;
    private final Map<String, Integer> subscriptions;
    private final Handler<MqttPublishMessage> handler;
    private final Duration backoffMin;
    private final Duration backoffMax;
    private volatile MqttClient client;
    private volatile boolean stopped;
    private volatile boolean connected;
    private long backoffMs;
    private int connects;

    public MqttConnection(Vertx vertx, String host, int port, String clientId, boolean cleanSession,
            Map<String, Integer> subscriptions, Handler<MqttPublishMessage> handler, Duration backoffMin, Duration backoffMax) {
        this.vertx = vertx;
        this.host = host;
        this.port = port;
        this.options = new MqttClientOptions().setClientId(clientId).setCleanSession(cleanSession)
                .setKeepAliveInterval(10).setAutoKeepAlive(true).setMaxInflightQueue(1000)
                // the protocol's maximum: a message above the decoder's limit (Netty's default is 8 KB) would drop
                // the connection and come back forever; the parser dead-letters oversized payloads instead
                .setMaxMessageSize(268_435_455);
        this.options.setAutoAck(false);
        this.subscriptions = Map.copyOf(subscriptions);
        this.handler = handler;
        this.backoffMin = backoffMin;
        this.backoffMax = backoffMax;
        this.backoffMs = backoffMin.toMillis();
    }

    public void start() {
        stopped = false;
        vertx.runOnContext(v -> connect());
    }

    public void stop() {
        stopped = true;
        MqttClient c = client;
        if (c != null && c.isConnected()) {
            c.disconnect();
        }
    }

    /** True while connected and subscribed. */
    public boolean connected() {
        return connected;
    }

    /** Successful connections so far (a reconnect counts). */
    public int connects() {
        return connects;
    }

    private void connect() {
        if (stopped) {
            return;
        }
        MqttClient c = MqttClient.create(vertx, options);
        client = c;
        // one retry per attempt, whichever of close, connect failure or subscribe failure comes first
        java.util.concurrent.atomic.AtomicBoolean retried = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable retryOnce = () -> {
            if (retried.compareAndSet(false, true)) {
                retry();
            }
        };
        c.publishHandler(handler);
        c.closeHandler(v -> {
            if (connected) {
                LOG.warnf("MQTT connection to %s:%d lost; reconnecting", host, port);
            }
            connected = false;
            retryOnce.run();
        });
        c.exceptionHandler(e -> LOG.debugf("MQTT client: %s", e.toString()));
        c.connect(port, host).onSuccess(ack -> c.subscribe(subscriptions).onSuccess(id -> {
            connected = true;
            connects++;
            backoffMs = backoffMin.toMillis();
            LOG.infof("MQTT subscribed at %s:%d to %s", host, port, subscriptions.keySet());
        }).onFailure(e -> {
            LOG.warnf("MQTT subscribe failed: %s", e.toString());
            retryOnce.run();
            if (c.isConnected()) {
                c.disconnect();
            }
        })).onFailure(e -> {
            LOG.debugf("MQTT connect to %s:%d failed: %s", host, port, e.toString());
            retryOnce.run();
        });
    }

    private void retry() {
        if (stopped) {
            return;
        }
        long wait = backoffMs;
        backoffMs = Math.min(backoffMs * 2, backoffMax.toMillis());
        vertx.setTimer(Math.max(1, wait), t -> connect());
    }
}
