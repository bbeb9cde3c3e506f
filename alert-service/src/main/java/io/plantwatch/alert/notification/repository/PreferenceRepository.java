package io.plantwatch.alert.notification.repository;

import com.mongodb.client.model.ReplaceOptions;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import static com.mongodb.client.model.Filters.eq;

/** Notification preferences of users and site defaults. */
@ApplicationScoped
public class PreferenceRepository implements PanacheMongoRepositoryBase<PreferenceEntity, String> {

    public void put(PreferenceEntity preference) {
        mongoCollection().replaceOne(eq("_id", preference.id), preference, new ReplaceOptions().upsert(true));
    }
}
