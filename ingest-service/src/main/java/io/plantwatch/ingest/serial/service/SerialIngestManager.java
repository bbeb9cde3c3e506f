package io.plantwatch.ingest.serial.service;

import io.plantwatch.contracts.event.Source;
import io.plantwatch.ingest.device.service.Device;
import io.plantwatch.ingest.device.service.DeviceChanged;
import io.plantwatch.ingest.device.service.Protocol;
import io.plantwatch.ingest.reading.config.IngestConfig;
import io.plantwatch.ingest.reading.kafka.ReadingBuffer;
import io.plantwatch.ingest.reading.service.IntakeService;
import io.plantwatch.ingest.reading.service.RejectedPayload;
import io.plantwatch.ingest.reading.service.Sample;
import io.plantwatch.ingest.reading.service.SampleValidator;
import io.plantwatch.ingest.serial.config.SerialConfig;
import io.plantwatch.ingest.status.service.DeviceStatusTracker;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One {@link SerialPortReader} per enabled serial device, following the registry at runtime. */
@ApplicationScoped
public class SerialIngestManager implements SerialPortReader.Listener {

    private final SerialConfig config;
    private final IntakeService intake;
    private final DeviceStatusTracker status;
    private final SerialLineParser parser;
    private final Map<String, SerialPortReader> readers = new ConcurrentHashMap<>();

    public SerialIngestManager(SerialConfig config, IngestConfig ingest, IntakeService intake, DeviceStatusTracker status) {
        this.config = config;
        this.intake = intake;
        this.status = status;
        this.parser = new SerialLineParser(new SampleValidator(ingest.maxFutureSkew(), ingest.maxPastAge(),
                ingest.maxChannelsPerSample()), ingest.maxChannelsPerSample());
    }

    void onDeviceChanged(@Observes DeviceChanged change) {
        SerialPortReader old = readers.remove(change.deviceId());
        if (old != null) {
            old.stop();
        }
        Device after = change.after();
        if (after != null && after.enabled() && after.protocol() == Protocol.SERIAL) {
            SerialPortReader reader = new SerialPortReader(after, config, this);
            readers.put(after.id(), reader);
            reader.start();
        }
    }

    @Override
    public void line(Device device, String line, boolean oversized) {
        if (oversized) {
            intake.reject(device.id(), Source.SERIAL, RejectedPayload.OVERSIZED,
                    List.of("line longer than " + config.maxLineBytes() + " bytes"), line);
            return;
        }
        Sample sample;
        try {
            sample = parser.parse(device.id(), line, Instant.now());
        } catch (RejectedPayload rejected) {
            intake.reject(device.id(), Source.SERIAL, rejected.reason(), rejected.errors(), line);
            return;
        }
        if (sample == null) {
            return;
        }
        // the reader's thread waits while the buffer is full: the OS and the device hold the data meanwhile
        while (true) {
            try {
                intake.submit(device.id(), Source.SERIAL, List.of(sample), line);
                return;
            } catch (ReadingBuffer.Full full) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public void unplugged(Device device, String reason) {
        status.failed(device.id(), reason);
    }

    void stop(@Observes ShutdownEvent event) {
        readers.values().forEach(SerialPortReader::stop);
    }
}
