package io.plantwatch.auth.feed.repository;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The feed's projection of alarm changes. */
@ApplicationScoped
public class AlarmChangeRepository implements PanacheMongoRepositoryBase<AlarmChangeEntity, String> {

    void createIndexes(@Observes StartupEvent event) {
        mongoCollection().createIndex(Indexes.compoundIndex(Indexes.ascending("deviceId"), Indexes.descending("at")));
        mongoCollection().createIndex(Indexes.compoundIndex(Indexes.ascending("site"), Indexes.descending("at")));
        mongoCollection().createIndex(Indexes.descending("at"));
    }

    /** Idempotent: a replayed event replaces itself. */
    public void upsertAll(List<AlarmChangeEntity> changes) {
        if (changes.isEmpty()) {
            return;
        }
        List<ReplaceOneModel<AlarmChangeEntity>> writes = new ArrayList<>();
        for (AlarmChangeEntity c : changes) {
            writes.add(new ReplaceOneModel<>(Filters.eq("_id", c.id), c, new ReplaceOptions().upsert(true)));
        }
        mongoCollection().bulkWrite(writes);
    }

    /** Changes of these devices or sites, or made by these people, before {@code before}, newest first. */
    public List<AlarmChangeEntity> followed(Collection<String> deviceIds, Collection<String> sites,
            Collection<String> actors, Instant before, int limit) {
        List<Bson> any = new ArrayList<>();
        if (!deviceIds.isEmpty()) {
            any.add(Filters.in("deviceId", deviceIds));
        }
        if (!sites.isEmpty()) {
            any.add(Filters.in("site", sites));
        }
        if (!actors.isEmpty()) {
            any.add(Filters.in("actor", actors));
        }
        if (any.isEmpty()) {
            return List.of();
        }
        return mongoCollection().find(Filters.and(Filters.or(any), Filters.lt("at", before)))
                .sort(Sorts.descending("at")).limit(limit).into(new ArrayList<>());
    }

    public long deleteOlderThan(Instant cutoff) {
        return mongoCollection().deleteMany(Filters.lt("at", cutoff)).getDeletedCount();
    }
}
