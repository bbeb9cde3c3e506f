package io.plantwatch.auth.feed.repository;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/** Device → site. */
@ApplicationScoped
public class DeviceSiteRepository implements PanacheMongoRepositoryBase<DeviceSiteEntity, String> {

    /** Keeps the newest revision only (events of one device arrive in order, but a replay may repeat old ones). */
    public void apply(String deviceId, String site, long revision, boolean deleted) {
        if (deleted) {
            mongoCollection().deleteOne(Filters.and(Filters.eq("_id", deviceId), Filters.lte("revision", revision)));
            return;
        }
        DeviceSiteEntity current = findById(deviceId);
        if (current == null) {
            mongoCollection().updateOne(Filters.eq("_id", deviceId), Updates.combine(Updates.set("site", site),
                    Updates.set("revision", revision)), new UpdateOptions().upsert(true));
        } else if (current.revision <= revision) {
            mongoCollection().updateOne(Filters.and(Filters.eq("_id", deviceId), Filters.lte("revision", revision)),
                    Updates.combine(Updates.set("site", site), Updates.set("revision", revision)));
        }
    }

    public Optional<String> siteOf(String deviceId) {
        return Optional.ofNullable(deviceId).map(this::findById).map(d -> d.site);
    }
}
