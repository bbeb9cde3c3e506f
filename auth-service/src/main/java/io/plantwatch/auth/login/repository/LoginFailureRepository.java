package io.plantwatch.auth.login.repository;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/** Failure counters, updated with single-document atomic operations. */
@ApplicationScoped
public class LoginFailureRepository implements PanacheMongoRepositoryBase<LoginFailureEntity, String> {

    /** Counts one failure; a counter whose window started before {@code windowStartAfter} starts again at 1. */
    public LoginFailureEntity countFailure(String key, Instant now, Instant windowStartAfter) {
        LoginFailureEntity current = mongoCollection().findOneAndUpdate(
                Filters.and(Filters.eq("_id", key), Filters.gte("windowStart", windowStartAfter)),
                Updates.inc("failures", 1), new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        if (current != null) {
            return current;
        }
        mongoCollection().updateOne(Filters.eq("_id", key), Updates.combine(Updates.set("failures", 1),
                Updates.set("windowStart", now)), new UpdateOptions().upsert(true));
        return findById(key);
    }

    public void lockUntil(String key, Instant until) {
        mongoCollection().updateOne(Filters.eq("_id", key), Updates.set("lockedUntil", until));
    }

    public void clear(String key) {
        deleteById(key);
    }

    public long deleteStale(Instant windowStartBefore, Instant now) {
        return mongoCollection().deleteMany(Filters.and(Filters.lt("windowStart", windowStartBefore),
                Filters.or(Filters.eq("lockedUntil", null), Filters.lt("lockedUntil", now)))).getDeletedCount();
    }
}
