package io.plantwatch.contracts;

/**
 * SmallRye Reactive Messaging channel names. A service binds a channel to its topic in
 * application.properties ({@code mp.messaging.incoming.<channel>.topic=<Topics constant>}).
 */
public final class Channels {
    public static final String READINGS_OUT = "readings-out";
    public static final String READINGS_IN = "readings-in";
    public static final String READINGS_DLQ_OUT = "readings-dlq-out";
    public static final String ANOMALIES_OUT = "anomalies-out";
    public static final String ANOMALIES_IN = "anomalies-in";
    public static final String ALARMS_OUT = "alarms-out";
    public static final String ALARMS_IN = "alarms-in";
    public static final String DEVICE_STATUS_OUT = "device-status-out";
    public static final String DEVICE_STATUS_IN = "device-status-in";

    public static final String DEVICES_OUT = "devices-out";
    public static final String DEVICES_IN = "devices-in";
    public static final String USERS_OUT = "users-out";
    public static final String USERS_IN = "users-in";
    public static final String FOLLOWS_OUT = "follows-out";
    public static final String FOLLOWS_IN = "follows-in";
    public static final String MODEL_SELECTIONS_OUT = "model-selections-out";
    public static final String MODEL_SELECTIONS_IN = "model-selections-in";
    public static final String DETECTION_SESSIONS_OUT = "detection-sessions-out";
    public static final String DETECTION_SESSIONS_IN = "detection-sessions-in";

    private Channels() {
    }
}
