package io.plantwatch.report.device.repository;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import io.plantwatch.contracts.event.DeviceEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Projection of the device registry ({@code devices}, id = deviceId) from the compacted plant.devices topic: names,
 * sites, lines and channel units for reports. An older revision never overwrites a newer one.
 */
@ApplicationScoped
public class DeviceStore {

    private static final int DUPLICATE_KEY = 11000;

    private final MongoCollection<Document> devices;

    public DeviceStore(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.devices = mongo.getDatabase(database).getCollection("devices");
    }

    void createIndexes(@Observes StartupEvent event) {
        devices.createIndex(Indexes.ascending("site", "line"));
    }

    public void write(List<DeviceEvent> events) {
        List<WriteModel<Document>> writes = new ArrayList<>(events.size());
        for (DeviceEvent e : events) {
            List<Document> channels = new ArrayList<>();
            e.channels().forEach(c -> channels.add(new Document("name", c.name()).append("unit", c.unit())));
            Document doc = new Document("_id", e.deviceId()).append("name", e.name()).append("site", e.site())
                    .append("line", e.line()).append("deleted", e.deleted()).append("revision", e.revision())
                    .append("channels", channels);
            // a stale revision misses the filter and its upsert collides on _id: the no-op wanted
            writes.add(new ReplaceOneModel<>(Filters.and(Filters.eq("_id", e.deviceId()),
                    Filters.or(Filters.lte("revision", e.revision()), Filters.exists("revision", false))),
                    doc, new ReplaceOptions().upsert(true)));
        }
        if (writes.isEmpty()) {
            return;
        }
        try {
            devices.bulkWrite(writes, new BulkWriteOptions().ordered(false));
        } catch (MongoBulkWriteException ex) {
            for (BulkWriteError error : ex.getWriteErrors()) {
                if (error.getCode() != DUPLICATE_KEY) {
                    throw ex;
                }
            }
        }
    }

    public Optional<Document> find(String deviceId) {
        return Optional.ofNullable(devices.find(Filters.eq("_id", deviceId)).first());
    }

    public List<Document> findAll(Collection<String> deviceIds) {
        return devices.find(Filters.in("_id", new ArrayList<>(deviceIds))).into(new ArrayList<>());
    }

    /** Devices (not deleted) of a site, optionally of one line. */
    public List<Document> ofSite(String site, String line) {
        Bson filter = Filters.and(Filters.eq("site", site), Filters.ne("deleted", true));
        if (line != null) {
            filter = Filters.and(filter, Filters.eq("line", line));
        }
        return devices.find(filter).into(new ArrayList<>());
    }
}
