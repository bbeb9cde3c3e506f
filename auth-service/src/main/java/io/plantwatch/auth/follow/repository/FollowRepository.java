package io.plantwatch.auth.follow.repository;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Follows by id and by follower. */
@ApplicationScoped
public class FollowRepository implements PanacheMongoRepositoryBase<FollowEntity, String> {

    void createIndexes(@Observes StartupEvent event) {
        mongoCollection().createIndex(Indexes.ascending("userId"));
        mongoCollection().createIndex(Indexes.ascending("pendingEvent"));
    }

    /** Sets a follow on or off (upsert on the deterministic id), bumping its revision; returns the new state. */
    public FollowEntity set(String id, String userId, String kind, String targetId, boolean active) {
        Instant now = Instant.now();
        return mongoCollection().findOneAndUpdate(Filters.eq("_id", id), Updates.combine(
                Updates.setOnInsert("userId", userId), Updates.setOnInsert("targetKind", kind),
                Updates.setOnInsert("targetId", targetId), Updates.setOnInsert("createdAt", now),
                Updates.set("active", active), Updates.set("updatedAt", now), Updates.inc("revision", 1L),
                Updates.set("pendingEvent", true)),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
    }

    public Optional<FollowEntity> active(String id) {
        return Optional.ofNullable(findById(id)).filter(f -> f.active);
    }

    public List<FollowEntity> activeOf(String userId) {
        return find("{userId: ?1, active: true}", Sort.ascending("targetKind", "targetId"), userId).list();
    }

    public void markPublished(String id, long revision) {
        mongoCollection().updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("revision", revision)),
                Updates.set("pendingEvent", false));
    }

    public List<FollowEntity> pending(int limit) {
        return find("pendingEvent", true).page(Page.ofSize(limit)).list();
    }

    public void markAllPending() {
        mongoCollection().updateMany(Filters.empty(), Updates.set("pendingEvent", true));
    }
}
