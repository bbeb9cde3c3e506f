package io.plantwatch.ingest.simulator.service;

import io.plantwatch.ingest.device.service.DeviceRegistry;
import io.plantwatch.ingest.mqtt.config.MqttConfig;
import io.plantwatch.ingest.simulator.config.SimulatorConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * With {@code plantwatch.simulators.enabled}: starts the pump PLC (Modbus TCP), the MQTT energy meters and the
 * Arduino on a socat cable, and registers them as devices on first start, so that their data come in through
 * the real ingest paths (PLC4X polling, the MQTT subscriber, jSerialComm).
 */
@ApplicationScoped
public class SimulatorBootstrap {

    private static final Logger LOG = Logger.getLogger(SimulatorBootstrap.class);

    private final SimulatorConfig config;
    private final MqttConfig mqtt;
    private final DeviceRegistry registry;
    private final Vertx vertx;
    private final ScheduledExecutorService ticker = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "simulator");
        t.setDaemon(true);
        return t;
    });
    private ModbusPumpSimulator plc;
    private EnergyMeterSimulator meters;
    private Optional<ArduinoSimulator> arduino = Optional.empty();

    public SimulatorBootstrap(SimulatorConfig config, MqttConfig mqtt, DeviceRegistry registry, Vertx vertx) {
        this.config = config;
        this.mqtt = mqtt;
        this.registry = registry;
        this.vertx = vertx;
    }

    /** After the registry and the MQTT subscriber: registering a device publishes on plant.devices. */
    void start(@Observes @Priority(DeviceRegistry.STARTUP_PRIORITY + 2) StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        long period = config.interval().toMillis();
        PumpModel pump = new PumpModel(42, Instant.now(), config.firstFaultAfter(), config.faultInterval(),
                config.faultJitter(), config.faultDuration());
        plc = new ModbusPumpSimulator(config.modbusPort());
        plc.update(pump.sample(Instant.now()));
        ticker.scheduleAtFixedRate(() -> plc.update(pump.sample(Instant.now())), period / 4, period / 4, TimeUnit.MILLISECONDS);
        registry.ensure(SimulatedDevices.pump(config.site(), config.modbusPort()));

        List<String> meterIds = new ArrayList<>();
        for (int i = 0; i < config.meters(); i++) {
            meterIds.add(SimulatedDevices.meter(i));
            registry.ensure(SimulatedDevices.meterDevice(i, config.site()));
        }
        meters = new EnergyMeterSimulator(vertx, mqtt.host(), mqtt.port(), mqtt.topicRoot(), meterIds);
        vertx.setPeriodic(period, period, t -> meters.tick(period / 1000.0));

        arduino = ArduinoSimulator.start(Path.of(config.dataDir()).toAbsolutePath().resolve("serial"));
        arduino.ifPresent(a -> {
            registry.ensure(SimulatedDevices.arduino(config.site(), a.ingestEnd()));
            // its own thread: a pty write blocks while nobody reads the other end
            Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "simulator-arduino");
                t.setDaemon(true);
                return t;
            }).scheduleAtFixedRate(a::tick, period, period, TimeUnit.MILLISECONDS);
        });
        LOG.infof("simulators on: Modbus pump PLC on 127.0.0.1:%d, %d MQTT energy meters, Arduino %s",
                config.modbusPort(), config.meters(), arduino.map(a -> "on " + a.ingestEnd()).orElse("off (no socat)"));
    }

    void stop(@Observes ShutdownEvent event) {
        ticker.shutdownNow();
        if (meters != null) {
            meters.close();
        }
        arduino.ifPresent(ArduinoSimulator::close);
        if (plc != null) {
            plc.close();
        }
    }
}
