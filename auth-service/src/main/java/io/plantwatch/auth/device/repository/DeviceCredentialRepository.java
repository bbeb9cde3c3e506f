package io.plantwatch.auth.device.repository;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.util.List;

/** Device credentials by device. */
@ApplicationScoped
public class DeviceCredentialRepository implements PanacheMongoRepositoryBase<DeviceCredentialEntity, String> {

    void createIndexes(@Observes StartupEvent event) {
        mongoCollection().createIndex(Indexes.ascending("deviceId"));
    }

    public List<DeviceCredentialEntity> ofDevice(String deviceId) {
        return find("deviceId", Sort.descending("createdAt"), deviceId).list();
    }

    /** Credentials that work at {@code now}: not revoked and not past their rotation grace. */
    public List<DeviceCredentialEntity> usable(String deviceId, Instant now) {
        Bson filter = Filters.and(Filters.eq("deviceId", deviceId), Filters.eq("revokedAt", null),
                Filters.or(Filters.eq("expiresAt", null), Filters.gt("expiresAt", now)));
        return mongoCollection().find(filter).into(new java.util.ArrayList<>());
    }

    /** Gives every open-ended credential of the device an end. */
    public long expireOpenEnded(String deviceId, String exceptId, Instant at) {
        return mongoCollection().updateMany(Filters.and(Filters.eq("deviceId", deviceId), Filters.ne("_id", exceptId),
                Filters.eq("revokedAt", null), Filters.eq("expiresAt", null)), Updates.set("expiresAt", at))
                .getModifiedCount();
    }

    public long revokeAll(String deviceId, Instant at) {
        return mongoCollection().updateMany(Filters.and(Filters.eq("deviceId", deviceId), Filters.eq("revokedAt", null)),
                Updates.set("revokedAt", at)).getModifiedCount();
    }

    public void touch(String id, Instant at) {
        mongoCollection().updateOne(Filters.eq("_id", id), Updates.set("lastUsedAt", at));
    }
}
