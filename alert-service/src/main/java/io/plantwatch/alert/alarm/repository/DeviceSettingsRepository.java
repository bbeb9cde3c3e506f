package io.plantwatch.alert.alarm.repository;

import com.mongodb.client.model.ReplaceOptions;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import static com.mongodb.client.model.Filters.eq;

/** Per-device alarm settings. */
@ApplicationScoped
public class DeviceSettingsRepository implements PanacheMongoRepositoryBase<DeviceSettingsEntity, String> {

    public void put(DeviceSettingsEntity settings) {
        mongoCollection().replaceOne(eq("_id", settings.deviceId), settings, new ReplaceOptions().upsert(true));
    }
}
