package io.plantwatch.alert.alarm.repository;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.lt;

/** The alarm history: one document per recorded change. */
@ApplicationScoped
public class AlarmHistoryRepository implements PanacheMongoRepositoryBase<AlarmHistoryEntity, String> {

    void createIndexes(@Observes StartupEvent event) {
        mongoCollection().createIndex(Indexes.ascending("alarmId", "revision"));
        mongoCollection().createIndex(Indexes.ascending("at"));
    }

    /** Records a change; a second record of the same revision (a retry) is ignored. */
    public void record(AlarmHistoryEntity entry) {
        try {
            mongoCollection().insertOne(entry);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }

    public List<AlarmHistoryEntity> ofAlarm(String alarmId) {
        return mongoCollection().find(eq("alarmId", alarmId)).sort(Sorts.ascending("revision"))
                .into(new ArrayList<>());
    }

    /** Changes recorded in [from, to), oldest first, at most {@code limit}. */
    public List<AlarmHistoryEntity> between(Instant from, Instant to, int limit) {
        return mongoCollection().find(and(gte("at", from), lt("at", to))).sort(Sorts.ascending("at")).limit(limit)
                .into(new ArrayList<>());
    }
}
