package io.plantwatch.auth.user.repository;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Users, unique by username and by e-mail (both stored lower case). */
@ApplicationScoped
public class UserRepository implements PanacheMongoRepositoryBase<UserEntity, String> {

    void createIndexes(@Observes StartupEvent event) {
        mongoCollection().createIndex(Indexes.ascending("username"), new IndexOptions().unique(true));
        mongoCollection().createIndex(Indexes.ascending("email"), new IndexOptions().unique(true));
        mongoCollection().createIndex(Indexes.ascending("pendingEvent"));
    }

    public Optional<UserEntity> findByLogin(String login) {
        String key = login.toLowerCase(Locale.ROOT);
        return find("{$or: [{username: ?1}, {email: ?1}]}", key).firstResultOptional();
    }

    public Optional<UserEntity> findByUsername(String username) {
        return find("username", username).firstResultOptional();
    }

    public List<UserEntity> page(int page, int size) {
        return findAll(Sort.ascending("username")).page(Page.of(page, size)).list();
    }

    /** Applies a change and bumps the revision in one atomic write; returns the new state, or empty when absent. */
    public Optional<UserEntity> change(String id, Bson update) {
        UserEntity after = mongoCollection().findOneAndUpdate(Filters.eq("_id", id),
                Updates.combine(update, Updates.inc("revision", 1L), Updates.set("pendingEvent", true),
                        Updates.set("updatedAt", Instant.now())),
                new com.mongodb.client.model.FindOneAndUpdateOptions()
                        .returnDocument(com.mongodb.client.model.ReturnDocument.AFTER));
        return Optional.ofNullable(after);
    }

    public long countEnabledAdmins() {
        return mongoCollection().countDocuments(Filters.and(Filters.eq("roles", "admin"), Filters.eq("disabled", false)));
    }

    public void markPublished(String id, long revision) {
        mongoCollection().updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("revision", revision)),
                Updates.set("pendingEvent", false));
    }

    public List<UserEntity> pending(int limit) {
        return find("pendingEvent", true).page(Page.ofSize(limit)).list();
    }

    public void markAllPending() {
        mongoCollection().updateMany(Filters.empty(), Updates.set("pendingEvent", true));
    }
}
