package io.plantwatch.detection.cause.repository;

import com.mongodb.client.model.ReplaceOptions;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

import static com.mongodb.client.model.Filters.eq;

/** Repositories of the probable-cause feature. */
public final class CauseStores {

    private CauseStores() {
    }

    @ApplicationScoped
    public static class Labels implements PanacheMongoRepositoryBase<CauseLabelEntity, String> {
        public List<CauseLabelEntity> ofType(String deviceType) {
            return mongoCollection().find(eq("deviceType", deviceType)).into(new ArrayList<>());
        }
    }

    @ApplicationScoped
    public static class Models implements PanacheMongoRepositoryBase<CauseModelEntity, String> {
        public void save(CauseModelEntity e) {
            mongoCollection().replaceOne(eq("_id", e.deviceType), e, new ReplaceOptions().upsert(true));
        }
    }

    @ApplicationScoped
    public static class Hints implements PanacheMongoRepositoryBase<CauseHintEntity, String> {
        public void save(CauseHintEntity e) {
            mongoCollection().replaceOne(eq("_id", e.cause), e, new ReplaceOptions().upsert(true));
        }
    }
}
