package io.plantwatch.alert.directory.repository;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Collection;
import java.util.List;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.or;

/** The three projections (devices, users, follows) and their queries. */
@ApplicationScoped
public class DirectoryRepository {

    private final Devices devices;
    private final Users users;
    private final Follows follows;

    public DirectoryRepository(Devices devices, Users users, Follows follows) {
        this.devices = devices;
        this.users = users;
        this.follows = follows;
    }

    void createIndexes(@Observes StartupEvent event) {
        users.mongoCollection().createIndex(Indexes.ascending("username"));
        users.mongoCollection().createIndex(Indexes.ascending("roles"));
        follows.mongoCollection().createIndex(Indexes.ascending("targetKind", "targetId"));
        follows.mongoCollection().createIndex(Indexes.ascending("userId"));
    }

    public DeviceEntity device(String deviceId) {
        return devices.findById(deviceId);
    }

    /** Stores the device unless a newer revision is already stored. */
    public void putDevice(DeviceEntity device) {
        DeviceEntity stored = devices.findById(device.id);
        if (stored == null || stored.revision <= device.revision) {
            devices.mongoCollection().replaceOne(eq("_id", device.id), device, new ReplaceOptions().upsert(true));
        }
    }

    public void deleteDevice(String deviceId) {
        devices.deleteById(deviceId);
    }

    public UserEntity user(String userId) {
        return users.findById(userId);
    }

    public UserEntity userByName(String username) {
        return users.find("username", username).firstResult();
    }

    public List<UserEntity> usersByIds(Collection<String> ids) {
        return ids.isEmpty() ? List.of() : users.mongoCollection().find(in("_id", ids)).into(new java.util.ArrayList<>());
    }

    public List<UserEntity> usersWithAnyRole(Collection<String> roles) {
        return roles.isEmpty() ? List.of() : users.mongoCollection().find(in("roles", roles)).into(new java.util.ArrayList<>());
    }

    public List<UserEntity> allUsers() {
        return users.listAll();
    }

    /** Stores the user unless a newer state is already stored. */
    public void putUser(UserEntity user) {
        UserEntity stored = users.findById(user.id);
        if (stored == null || stored.at == null || user.at == null || !user.at.isBefore(stored.at)) {
            users.mongoCollection().replaceOne(eq("_id", user.id), user, new ReplaceOptions().upsert(true));
        }
    }

    public void deleteUser(String userId) {
        users.deleteById(userId);
    }

    public void putFollow(FollowEntity follow) {
        follows.mongoCollection().replaceOne(eq("_id", follow.id), follow, new ReplaceOptions().upsert(true));
    }

    public void deleteFollow(String followId) {
        follows.deleteById(followId);
    }

    /** Ids of the users who follow the device or its site. */
    public List<String> followerIds(String deviceId, String site) {
        MongoCollection<FollowEntity> c = follows.mongoCollection();
        var byDevice = and(eq("targetKind", "DEVICE"), eq("targetId", deviceId));
        var filter = site == null ? byDevice : or(byDevice, and(eq("targetKind", "SITE"), eq("targetId", site)));
        return c.find(filter).map(f -> f.userId).into(new java.util.ArrayList<>());
    }

    /** What a user follows, as "KIND:id". */
    public List<FollowEntity> followsOf(String userId) {
        return follows.list("userId", userId);
    }

    @ApplicationScoped
    public static class Devices implements PanacheMongoRepositoryBase<DeviceEntity, String> {
    }

    @ApplicationScoped
    public static class Users implements PanacheMongoRepositoryBase<UserEntity, String> {
    }

    @ApplicationScoped
    public static class Follows implements PanacheMongoRepositoryBase<FollowEntity, String> {
    }
}
