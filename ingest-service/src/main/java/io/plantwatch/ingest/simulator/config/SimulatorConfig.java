package io.plantwatch.ingest.simulator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Simulated devices for a local stack without hardware ({@code plantwatch.simulators.*}). */
@ConfigMapping(prefix = "plantwatch.simulators")
public interface SimulatorConfig {

    /** Start the simulators and register their devices (env PLANTWATCH_SIMULATORS). */
    @WithDefault("false")
    boolean enabled();

    /** Port of the Modbus TCP pump PLC on 127.0.0.1 (env MODBUS_SIM_PORT). */
    @WithDefault("5020")
    int modbusPort();

    /** Folder for the serial pty links of the Arduino simulator (env PLANTWATCH_DATA). */
    @WithDefault(".plantwatch")
    String dataDir();

    /** Site of the simulated devices. */
    @WithDefault("plant-north")
    String site();

    /** When the pump's first fault (a valve closing) starts, so that a fresh stack shows an alarm and its mail soon. */
    @WithDefault("PT30S")
    Duration firstFaultAfter();

    /**
     * Pause between the end of one pump fault and the start of the next (give or take {@link #faultJitter()}), so
     * that a running stack keeps producing alarms at a predictable pace.
     */
    @WithDefault("PT2M")
    Duration faultInterval();

    /** Share of {@link #faultInterval()} by which a pause may be shorter or longer (0 = exactly periodic). */
    @WithDefault("0.25")
    double faultJitter();

    /** How long a fault lasts. */
    @WithDefault("PT60S")
    Duration faultDuration();

    /** Number of MQTT energy meters. */
    @WithDefault("2")
    int meters();

    /** How often meters and the Arduino send, and the pump PLC updates its registers. */
    @WithDefault("PT1S")
    Duration interval();
}
