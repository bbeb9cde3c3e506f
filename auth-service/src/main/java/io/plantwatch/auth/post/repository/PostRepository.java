package io.plantwatch.auth.post.repository;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
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

/** Logbook entries. */
@ApplicationScoped
public class PostRepository implements PanacheMongoRepositoryBase<PostEntity, String> {

    void createIndexes(@Observes StartupEvent event) {
        mongoCollection().createIndex(Indexes.descending("createdAt"));
        mongoCollection().createIndex(Indexes.compoundIndex(Indexes.ascending("deviceId"), Indexes.descending("createdAt")));
        mongoCollection().createIndex(Indexes.compoundIndex(Indexes.ascending("alarmId"), Indexes.descending("createdAt")));
        mongoCollection().createIndex(Indexes.compoundIndex(Indexes.ascending("authorId"), Indexes.descending("createdAt")));
        mongoCollection().createIndex(Indexes.compoundIndex(Indexes.ascending("authorName"), Indexes.descending("createdAt")));
        mongoCollection().createIndex(Indexes.compoundIndex(Indexes.ascending("site"), Indexes.descending("createdAt")));
    }

    /** Filtered list, newest first; null filters are ignored; time bounds are [from, to). */
    public List<PostEntity> search(String deviceId, String alarmId, String author, String site, Instant from,
            Instant to, int page, int size) {
        List<Bson> filters = new ArrayList<>();
        if (deviceId != null) {
            filters.add(Filters.eq("deviceId", deviceId));
        }
        if (alarmId != null) {
            filters.add(Filters.eq("alarmId", alarmId));
        }
        if (author != null) {
            filters.add(Filters.eq("authorName", author));
        }
        if (site != null) {
            filters.add(Filters.eq("site", site));
        }
        if (from != null) {
            filters.add(Filters.gte("createdAt", from));
        }
        if (to != null) {
            filters.add(Filters.lt("createdAt", to));
        }
        Bson filter = filters.isEmpty() ? Filters.empty() : Filters.and(filters);
        return mongoCollection().find(filter).sort(Sorts.descending("createdAt")).skip(page * size).limit(size)
                .into(new ArrayList<>());
    }

    /** Posts about these devices or sites, or by these authors, before {@code before}, newest first. */
    public List<PostEntity> followed(Collection<String> deviceIds, Collection<String> sites, Collection<String> authorIds,
            Instant before, int limit) {
        List<Bson> any = new ArrayList<>();
        if (!deviceIds.isEmpty()) {
            any.add(Filters.in("deviceId", deviceIds));
        }
        if (!sites.isEmpty()) {
            any.add(Filters.in("site", sites));
        }
        if (!authorIds.isEmpty()) {
            any.add(Filters.in("authorId", authorIds));
        }
        if (any.isEmpty()) {
            return List.of();
        }
        return mongoCollection().find(Filters.and(Filters.or(any), Filters.lt("createdAt", before)))
                .sort(Sorts.descending("createdAt")).limit(limit).into(new ArrayList<>());
    }
}
