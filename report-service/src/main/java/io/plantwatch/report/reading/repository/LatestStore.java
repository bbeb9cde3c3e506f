package io.plantwatch.report.reading.repository;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import io.plantwatch.contracts.event.Reading;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The latest value per device and channel ({@code latest}, id = device|channel); older values never overwrite. */
@ApplicationScoped
public class LatestStore {

    private static final int DUPLICATE_KEY = 11000;

    private final MongoCollection<Document> latest;

    public LatestStore(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.latest = mongo.getDatabase(database).getCollection("latest");
    }

    void createIndexes(@Observes StartupEvent event) {
        latest.createIndex(Indexes.ascending("deviceId", "channel"));
    }

    public void write(List<Reading> batch) {
        Map<String, Document> newest = new HashMap<>();
        for (Reading r : batch) {
            for (Map.Entry<String, Double> v : r.values().entrySet()) {
                String key = r.deviceId() + "|" + v.getKey();
                Document current = newest.get(key);
                if (current == null || current.getDate("ts").toInstant().isBefore(r.ts())) {
                    newest.put(key, new Document("deviceId", r.deviceId()).append("channel", v.getKey())
                            .append("value", v.getValue()).append("ts", Date.from(r.ts())));
                }
            }
        }
        List<WriteModel<Document>> writes = new ArrayList<>(newest.size());
        // the filter misses when the stored value is newer; the upsert then collides on _id, which is the no-op we want
        newest.forEach((key, doc) -> writes.add(new UpdateOneModel<>(
                Filters.and(Filters.eq("_id", key), Filters.or(Filters.lt("ts", doc.getDate("ts")), Filters.exists("ts", false))),
                new Document("$set", doc), new UpdateOptions().upsert(true))));
        if (writes.isEmpty()) {
            return;
        }
        try {
            latest.bulkWrite(writes, new BulkWriteOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError error : e.getWriteErrors()) {
                if (error.getCode() != DUPLICATE_KEY) {
                    throw e;
                }
            }
        }
    }

    /** Latest values, of the given devices (all when empty), by device and channel. */
    public List<Document> find(Collection<String> deviceIds) {
        Bson filter = deviceIds.isEmpty() ? new Document() : Filters.in("deviceId", new ArrayList<>(deviceIds));
        return latest.find(filter).sort(Sorts.ascending("deviceId", "channel")).into(new ArrayList<>());
    }
}
