package io.plantwatch.contracts.messaging;

import io.plantwatch.contracts.Channels;
import io.plantwatch.contracts.Topics;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Binds each messaging channel of {@link Channels} that a service configures (it sets the channel's
 * {@code connector}) to its topic of {@link Topics}, so topic names live only in these constants and never in a
 * service's application.properties. Outgoing channels also get the event serialiser. Low ordinal: a service can
 * still override a binding explicitly.
 */
public class TopicBindings implements ConfigSourceFactory {

    static final Map<String, String> INCOMING = Map.of(
            Channels.READINGS_IN, Topics.READINGS,
            Channels.ANOMALIES_IN, Topics.ANOMALIES,
            Channels.ALARMS_IN, Topics.ALARMS,
            Channels.DEVICE_STATUS_IN, Topics.DEVICE_STATUS,
            Channels.DEVICES_IN, Topics.DEVICES,
            Channels.USERS_IN, Topics.USERS,
            Channels.FOLLOWS_IN, Topics.FOLLOWS,
            Channels.MODEL_SELECTIONS_IN, Topics.MODEL_SELECTIONS,
            Channels.DETECTION_SESSIONS_IN, Topics.DETECTION_SESSIONS);

    static final Map<String, String> OUTGOING = Map.of(
            Channels.READINGS_OUT, Topics.READINGS,
            Channels.READINGS_DLQ_OUT, Topics.READINGS_DLQ,
            Channels.ANOMALIES_OUT, Topics.ANOMALIES,
            Channels.ALARMS_OUT, Topics.ALARMS,
            Channels.DEVICE_STATUS_OUT, Topics.DEVICE_STATUS,
            Channels.DEVICES_OUT, Topics.DEVICES,
            Channels.USERS_OUT, Topics.USERS,
            Channels.FOLLOWS_OUT, Topics.FOLLOWS,
            Channels.MODEL_SELECTIONS_OUT, Topics.MODEL_SELECTIONS,
            Channels.DETECTION_SESSIONS_OUT, Topics.DETECTION_SESSIONS);

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        Map<String, String> properties = new HashMap<>();
        INCOMING.forEach((channel, topic) -> {
            String prefix = "mp.messaging.incoming." + channel + ".";
            if (configured(context, prefix + "connector")) {
                properties.put(prefix + "topic", topic);
            }
        });
        OUTGOING.forEach((channel, topic) -> {
            String prefix = "mp.messaging.outgoing." + channel + ".";
            if (configured(context, prefix + "connector")) {
                properties.put(prefix + "topic", topic);
                properties.put(prefix + "key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
                properties.put(prefix + "value.serializer", "io.plantwatch.contracts.kafka.EventSerializer");
            }
        });
        return List.of(new PropertiesConfigSource(properties, "plantwatch-topic-bindings", 150));
    }

    private static boolean configured(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value != null && value.getValue() != null;
    }
}
