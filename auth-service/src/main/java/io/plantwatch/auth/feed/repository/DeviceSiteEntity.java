package io.plantwatch.auth.feed.repository;

import io.quarkus.mongodb.panache.common.MongoEntity;
import org.bson.codecs.pojo.annotations.BsonId;

/** Which site a device belongs to, from plant.devices (so posts about a device reach followers of its site). */
@MongoEntity(collection = "device_sites")
public class DeviceSiteEntity {
    @BsonId
    public String deviceId;
    public String site;
    public long revision;
}
