package io.plantwatch.detection.session.kafka;

import io.plantwatch.contracts.Channels;
import io.plantwatch.contracts.event.DetectionSessionEvent;
import io.plantwatch.contracts.kafka.EventRecords;
import io.plantwatch.detection.session.service.SessionService;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Applies session starts / stops made on any instance (plant.detection-sessions, compacted). Every instance reads the
 * whole topic from the start (own consumer group): any instance may own the device's partition now or after a
 * rebalance, and a stopped device must stay stopped wherever it is evaluated.
 */
@ApplicationScoped
public class SessionEventConsumer {

    private static final Logger LOG = Logger.getLogger(SessionEventConsumer.class);

    private final SessionService sessions;

    public SessionEventConsumer(SessionService sessions) {
        this.sessions = sessions;
    }

    @Incoming(Channels.DETECTION_SESSIONS_IN)
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) {
        EventRecords.forEach(records, DetectionSessionEvent.class, sessions::apply, "detection session", LOG);
    }
}
