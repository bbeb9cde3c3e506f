package io.plantwatch.auth.token.repository;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Instant;

/** Refresh tokens by hash, family and user. */
@ApplicationScoped
public class RefreshTokenRepository implements PanacheMongoRepositoryBase<RefreshTokenEntity, String> {

    void createIndexes(@Observes StartupEvent event) {
        mongoCollection().createIndex(Indexes.ascending("familyId"));
        mongoCollection().createIndex(Indexes.ascending("userId"));
    }

    /** Marks the token used unless it was used or revoked already; true when this call won. */
    public boolean markUsed(String hash, Instant now) {
        return mongoCollection().updateOne(Filters.and(Filters.eq("_id", hash), Filters.eq("usedAt", null),
                Filters.eq("revokedAt", null)), Updates.set("usedAt", now)).getModifiedCount() == 1;
    }

    public long revokeFamily(String familyId, Instant now) {
        return mongoCollection().updateMany(Filters.and(Filters.eq("familyId", familyId), Filters.eq("revokedAt", null)),
                Updates.set("revokedAt", now)).getModifiedCount();
    }

    public long revokeUser(String userId, Instant now) {
        return mongoCollection().updateMany(Filters.and(Filters.eq("userId", userId), Filters.eq("revokedAt", null)),
                Updates.set("revokedAt", now)).getModifiedCount();
    }

    public long deleteExpiredBefore(Instant cutoff) {
        return mongoCollection().deleteMany(Filters.lt("expiresAt", cutoff)).getDeletedCount();
    }
}
