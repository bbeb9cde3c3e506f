package io.plantwatch.detection.forecast.repository;

import com.mongodb.client.model.ReplaceOptions;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;

/** Latest forecast per device channel; a new forecast replaces the previous one. */
@ApplicationScoped
public class ForecastStore implements PanacheMongoRepositoryBase<ForecastEntity, String> {

    public static String idOf(String deviceId, String channel) {
        return deviceId + "|" + channel;
    }

    public void save(ForecastEntity e) {
        mongoCollection().replaceOne(eq("_id", e.id), e, new ReplaceOptions().upsert(true));
    }

    /** Forecasts generated at or after {@code since} (other instances' forecasts, for the live deviation check). */
    public List<ForecastEntity> generatedSince(Instant since) {
        return mongoCollection().find(gte("generatedAt", since)).into(new ArrayList<>());
    }
}
