package io.plantwatch.detection.configuration.repository;

import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;

/** Configuration overrides in {@code plantwatch_detection.detector_configs}; single-document atomic writes. */
@ApplicationScoped
public class ConfigOverrideStore implements PanacheMongoRepositoryBase<ConfigOverrideEntity, String> {

    /** Id of the service-wide layer; reserved (the configuration API refuses it as a device id). */
    public static final String SERVICE_WIDE = "*";

    /** Replaces the override of {@code id} and bumps its revision (upsert). */
    public ConfigOverrideEntity save(String id, String overrideJson, String user, Instant at) {
        return mongoCollection().findOneAndUpdate(eq("_id", id),
                Updates.combine(Updates.set("override", overrideJson), Updates.set("updatedAt", at),
                        Updates.set("updatedBy", user), Updates.inc("revision", 1L)),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
    }

    /** Overrides written at or after {@code since}. */
    public List<ConfigOverrideEntity> changedSince(Instant since) {
        return mongoCollection().find(gte("updatedAt", since)).into(new ArrayList<>());
    }

    public List<ConfigOverrideEntity> all() {
        return mongoCollection().find().into(new ArrayList<>());
    }
}
