package io.plantwatch.contracts;

/** Kafka topic names. Keys: deviceId, except {@link #ALARMS} (alarmId). */
public final class Topics {
    /** {@link io.plantwatch.contracts.event.Reading}, keyed by deviceId. */
    public static final String READINGS = "plant.readings";
    /** {@link io.plantwatch.contracts.event.DeadLetter}, keyed by deviceId or "unknown". */
    public static final String READINGS_DLQ = "plant.readings.dlq";
    /** {@link io.plantwatch.contracts.event.AnomalyEvent}, keyed by deviceId. */
    public static final String ANOMALIES = "plant.anomalies";
    /** {@link io.plantwatch.contracts.event.AlarmEvent}, keyed by alarmId. */
    public static final String ALARMS = "plant.alarms";
    /** {@link io.plantwatch.contracts.event.DeviceStatus}, keyed by deviceId. */
    public static final String DEVICE_STATUS = "plant.device-status";

    /** {@link io.plantwatch.contracts.event.DeviceEvent}: device registry changes, keyed by deviceId (compacted). */
    public static final String DEVICES = "plant.devices";
    /** {@link io.plantwatch.contracts.event.UserEvent}: user account changes, keyed by userId (compacted). */
    public static final String USERS = "plant.users";
    /** {@link io.plantwatch.contracts.event.FollowEvent}: who follows what, keyed by follow id (compacted). */
    public static final String FOLLOWS = "plant.follows";
    /**
     * {@link io.plantwatch.contracts.event.ModelSelection}: which detection model each device uses, keyed by deviceId
     * (compacted).
     */
    public static final String MODEL_SELECTIONS = "plant.model-selections";
    /**
     * {@link io.plantwatch.contracts.event.DetectionSessionEvent}: whether detection runs on each device (start /
     * stop), keyed by deviceId (compacted).
     */
    public static final String DETECTION_SESSIONS = "plant.detection-sessions";

    /** Default partition count: the scale-out unit of per-device processing. */
    public static final int DEFAULT_PARTITIONS = 6;

    /** Every topic the stack creates at start. */
    public static final java.util.List<String> ALL = java.util.List.of(READINGS, READINGS_DLQ, ANOMALIES, ALARMS, DEVICE_STATUS, DEVICES,
            USERS, FOLLOWS, MODEL_SELECTIONS, DETECTION_SESSIONS);

    /** Topics whose latest record per key is the state (cleanup.policy=compact). */
    public static final java.util.Set<String> COMPACTED = java.util.Set.of(DEVICES, USERS, FOLLOWS, MODEL_SELECTIONS, DETECTION_SESSIONS);

    private Topics() {
    }
}
