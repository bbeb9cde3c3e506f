package io.plantwatch.report.anomaly.repository;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import io.plantwatch.contracts.event.AnomalyEvent;
import io.plantwatch.contracts.json.EventJson;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;

/** Anomaly history ({@code anomalies}, id = anomaly id: a replay is stored once). */
@ApplicationScoped
public class AnomalyStore {

    private final MongoCollection<Document> anomalies;

    public AnomalyStore(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.anomalies = mongo.getDatabase(database).getCollection("anomalies");
    }

    void createIndexes(@Observes StartupEvent event) {
        anomalies.createIndex(Indexes.descending("ts"));
        anomalies.createIndex(Indexes.ascending("deviceId", "ts"));
    }

    public void store(List<AnomalyEvent> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> writes = new ArrayList<>(batch.size());
        for (AnomalyEvent a : batch) {
            Document doc = Document.parse(EventJson.toJson(a));
            doc.remove("id");
            doc.put("ts", a.ts() == null ? null : Date.from(a.ts()));
            // severity as a number too, so that "most severe first" sorts by seriousness, not alphabetically
            doc.put("severityRank", a.severity().ordinal());
            writes.add(new UpdateOneModel<>(Filters.eq("_id", a.id()), new Document("$setOnInsert", doc),
                    new UpdateOptions().upsert(true)));
        }
        anomalies.bulkWrite(writes, new BulkWriteOptions().ordered(false));
    }

    public List<Document> find(Bson filter, Bson sort, int skip, int limit) {
        return anomalies.find(filter).sort(sort).skip(skip).limit(limit).into(new ArrayList<>());
    }

    public Document findById(String id) {
        return anomalies.find(Filters.eq("_id", id)).first();
    }

    public long count(Bson filter) {
        return anomalies.countDocuments(filter);
    }

    /** Streams matching anomalies in time order through a cursor (exports). */
    public void forEach(Bson filter, Consumer<Document> sink) {
        try (MongoCursor<Document> cursor = anomalies.find(filter).sort(Sorts.ascending("ts")).batchSize(500).iterator()) {
            cursor.forEachRemaining(sink);
        }
    }

    /** Anomaly counts grouped by the given fields, biggest first. */
    public List<Document> countBy(Bson filter, List<String> groupBy, int limit) {
        Document id = new Document();
        groupBy.forEach(f -> id.append(f, "$" + f));
        return anomalies.aggregate(List.of(new Document("$match", filter),
                new Document("$group", new Document("_id", id).append("count", new Document("$sum", 1))
                        .append("maxSeverity", new Document("$max", "$severityRank"))),
                new Document("$sort", new Document("count", -1).append("maxSeverity", -1)),
                new Document("$limit", limit))).into(new ArrayList<>());
    }

    public long deleteBefore(Instant cutoff) {
        return anomalies.deleteMany(Filters.lt("ts", Date.from(cutoff))).getDeletedCount();
    }
}
