package io.plantwatch.ingest.simulator.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;

/**
 * A centrifugal pump with its motor: current (A), discharge pressure (bar), vibration RMS (mm/s), bearing
 * temperature (°C) and flow (m³/h) around a healthy operating point, with faults injected now and then:
 * <ul>
 *   <li>valve closing: pressure rises above the alarm limit, flow and current drop</li>
 *   <li>bearing wear: vibration and temperature climb</li>
 *   <li>cavitation: flow and pressure become erratic and low, vibration noisy</li>
 * </ul>
 * The first fault is a valve closing at {@code firstFaultAfter}; later ones are of a random kind and start
 * {@code interval} ± {@code jitter} after the previous one ended. Every kind drives at least one channel across the
 * alarm limits the simulated pump is registered with (see {@link SimulatedDevices#pump}).
 */
public final class PumpModel {

    /** Fault kinds. */
    public enum Fault {
        NONE, VALVE_CLOSING, BEARING_WEAR, CAVITATION
    }

    /** One sample of the pump. */
    public record State(double motorCurrent, double pressure, double vibration, double temperature, double flow, Fault fault) {
    }

    private static final Fault[] FAULTS = {Fault.VALVE_CLOSING, Fault.BEARING_WEAR, Fault.CAVITATION};
    /** Fraction of a fault's duration spent ramping into it. */
    private static final double RAMP = 0.35;

    private final Random random;
    private final Duration interval;
    private final double jitter;
    private final Duration faultDuration;
    private Instant nextFaultAt;
    /** The first fault is a known one, so that a fresh stack shows a pressure alarm soon. */
    private Fault firstFault = Fault.VALVE_CLOSING;
    private Fault fault = Fault.NONE;
    private Instant faultStart;
    private double temperature = 55.0;

    public PumpModel(long seed, Instant start, Duration firstFaultAfter, Duration interval, double jitter,
            Duration faultDuration) {
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("fault jitter must be in [0, 1), got " + jitter);
        }
        this.random = new Random(seed);
        this.interval = interval;
        this.jitter = jitter;
        this.faultDuration = faultDuration;
        this.nextFaultAt = start.plus(firstFaultAfter);
    }

    public synchronized State sample(Instant now) {
        if (fault == Fault.NONE && !now.isBefore(nextFaultAt)) {
            fault = firstFault != null ? firstFault : FAULTS[random.nextInt(FAULTS.length)];
            firstFault = null;
            faultStart = now;
        } else if (fault != Fault.NONE && now.isAfter(faultStart.plus(faultDuration))) {
            fault = Fault.NONE;
            double factor = 1 + jitter * (2 * random.nextDouble() - 1);
            nextFaultAt = now.plusMillis(Math.round(interval.toMillis() * factor));
        }
        double p = fault == Fault.NONE ? 0
                : Math.min(1.0, Duration.between(faultStart, now).toMillis() / (faultDuration.toMillis() * RAMP));
        double flow = 42 + noise(0.5);
        double pressure = 4.2 + noise(0.05);
        double current = 15 + noise(0.2);
        double vibration = 2.2 + Math.abs(noise(0.15));
        double targetTemp = 55;
        switch (fault) {
            case VALVE_CLOSING -> {
                flow = 42 * (1 - 0.7 * p) + noise(0.4);
                pressure = 4.2 + 4.0 * p + noise(0.05);
                current = 15 - 2.0 * p + noise(0.2);
            }
            case BEARING_WEAR -> {
                vibration = 2.2 + 6.5 * p + Math.abs(noise(0.3));
                targetTemp = 55 + 25 * p;
                current = 15 + 1.2 * p + noise(0.2);
            }
            case CAVITATION -> {
                flow = 42 - 10 * p + noise(6 * p + 0.5);
                pressure = 4.2 - 1.8 * p + noise(0.4 * p + 0.05);
                vibration = 2.2 + 3.5 * p + Math.abs(noise(1.5 * p + 0.15));
                current = 15 + noise(1.5 * p + 0.2);
            }
            default -> {
                // healthy
            }
        }
        temperature += (targetTemp - temperature) * 0.05 + noise(0.05);
        return new State(round(current), round(Math.max(0, pressure)), round(Math.max(0, vibration)), round(temperature),
                round(Math.max(0, flow)), fault);
    }

    public synchronized Fault fault() {
        return fault;
    }

    /** When the next fault starts (meaningful while no fault is on). */
    public synchronized Instant nextFaultAt() {
        return nextFaultAt;
    }

    private double noise(double sd) {
        return random.nextGaussian() * sd;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
