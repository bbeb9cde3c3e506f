package io.plantwatch.detection.model.repository;

import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

/** Device → model bindings in {@code model_selections}; each write bumps the device's revision (upsert). */
@ApplicationScoped
public class SelectionStore implements PanacheMongoRepositoryBase<SelectionEntity, String> {

    public SelectionEntity save(String deviceId, String modelId, String user, Instant at) {
        return mongoCollection().findOneAndUpdate(eq("_id", deviceId),
                Updates.combine(Updates.set("modelId", modelId), Updates.set("selected", modelId != null),
                        Updates.set("changedBy", user), Updates.set("at", at), Updates.inc("revision", 1L)),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
    }

    /** Devices the model is selected on. */
    public List<String> devicesOf(String modelId) {
        List<String> out = new ArrayList<>();
        for (SelectionEntity e : mongoCollection().find(and(eq("modelId", modelId), eq("selected", true)))) {
            out.add(e.deviceId);
        }
        return out;
    }

    public List<SelectionEntity> active() {
        return mongoCollection().find(eq("selected", true)).into(new ArrayList<>());
    }
}
