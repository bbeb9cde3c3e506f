package io.plantwatch.ingest.push.service;

import io.plantwatch.contracts.api.ApiException;
import io.plantwatch.ingest.reading.config.IngestConfig;
import io.plantwatch.ingest.reading.service.IntakeService;
import io.plantwatch.ingest.reading.service.IntakeService.PushResult;
import io.plantwatch.ingest.reading.service.SampleBatch;
import io.plantwatch.ingest.reading.service.SampleValidator;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/** HTTP push: size limit, parse and validate the whole body, then hand it to the intake and wait for Kafka. */
@ApplicationScoped
public class PushService {

    private final BatchParser batchParser;
    private final DataParser dataParser;
    private final IntakeService intake;
    private final IngestConfig config;

    public PushService(IngestConfig config, IntakeService intake) {
        this.config = config;
        this.intake = intake;
        SampleValidator validator = new SampleValidator(config.maxFutureSkew(), config.maxPastAge(), config.maxChannelsPerSample());
        this.batchParser = new BatchParser(validator, config.maxSamplesPerBatch());
        this.dataParser = new DataParser(validator);
    }

    /** {@code POST /api/v1/ingest} body; throws {@link ApiException} (400 naming each bad field, 413). */
    public SampleBatch parseBatch(byte[] body) {
        checkSize(body);
        return batchParser.parse(body, Instant.now());
    }

    /** {@code POST /api/v1/data} body (one sample, two forms; see {@link DataParser}). */
    public SampleBatch parseSingle(byte[] body) {
        checkSize(body);
        return dataParser.parse(body, Instant.now());
    }

    /** Registry checks and publication; the result once Kafka acknowledged every reading, or 400/503. */
    public Uni<PushResult> publish(SampleBatch batch, byte[] body) {
        return Uni.createFrom().completionStage(() -> intake.push(batch, body))
                .ifNoItem().after(config.publishTimeout()).failWith(() -> ApiException.unavailable(
                        "Kafka did not confirm the batch in time; retry", 5))
                .onFailure(e -> !(e instanceof ApiException)).transform(e -> ApiException.unavailable(
                        "the batch could not be handed to Kafka (" + e.getClass().getSimpleName() + "); retry", 5));
    }

    private void checkSize(byte[] body) {
        if (body != null && body.length > config.maxBodyBytes()) {
            throw ApiException.payloadTooLarge("the body has " + body.length + " bytes; at most " + config.maxBodyBytes()
                    + " are accepted: split the batch");
        }
    }
}
