package io.plantwatch.alert.directory.service;

import io.plantwatch.alert.directory.repository.DeviceEntity;
import io.plantwatch.alert.directory.repository.DirectoryRepository;
import io.plantwatch.alert.directory.repository.FollowEntity;
import io.plantwatch.alert.directory.repository.UserEntity;
import io.plantwatch.contracts.event.DeviceEvent;
import io.plantwatch.contracts.event.FollowEvent;
import io.plantwatch.contracts.event.UserEvent;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Devices, users and follows as alert-service knows them: projections of the compacted topics plant.devices,
 * plant.users and plant.follows, so that routing a notification never calls another service.
 */
@ApplicationScoped
public class Directory {

    private final DirectoryRepository repository;

    public Directory(DirectoryRepository repository) {
        this.repository = repository;
    }

    public void apply(DeviceEvent event) {
        if (event.deleted()) {
            repository.deleteDevice(event.deviceId());
            return;
        }
        DeviceEntity d = new DeviceEntity();
        d.id = event.deviceId();
        d.name = event.name();
        d.site = event.site();
        d.line = event.line();
        d.enabled = event.enabled();
        d.revision = event.revision();
        d.at = event.at();
        d.channels = new ArrayList<>();
        for (DeviceEvent.Channel c : event.channels()) {
            DeviceEntity.Channel ch = new DeviceEntity.Channel();
            ch.name = c.name();
            ch.unit = c.unit();
            ch.alarmLow = c.alarmLow();
            ch.alarmHigh = c.alarmHigh();
            ch.expectedPeriodSeconds = c.expectedPeriodSeconds();
            d.channels.add(ch);
        }
        repository.putDevice(d);
    }

    public void apply(UserEvent event) {
        if (event.deleted()) {
            repository.deleteUser(event.userId());
            return;
        }
        UserEntity u = new UserEntity();
        u.id = event.userId();
        u.username = event.username();
        u.email = event.email();
        u.roles = Set.copyOf(event.roles());
        u.sites = Set.copyOf(event.sites());
        u.disabled = event.disabled();
        u.at = event.at();
        repository.putUser(u);
    }

    public void apply(FollowEvent event) {
        if (!event.active()) {
            repository.deleteFollow(event.id());
            return;
        }
        FollowEntity f = new FollowEntity();
        f.id = event.id();
        f.userId = event.userId();
        f.targetKind = event.targetKind().name();
        f.targetId = event.targetId();
        f.at = event.at();
        repository.putFollow(f);
    }

    /** The device, or an "unknown device" stand-in when the registry never announced it. */
    public DeviceInfo device(String deviceId) {
        DeviceEntity d = repository.device(deviceId);
        if (d == null) {
            return DeviceInfo.unknown(deviceId);
        }
        List<DeviceInfo.ChannelInfo> channels = d.channels == null ? List.of() : d.channels.stream()
                .map(c -> new DeviceInfo.ChannelInfo(c.name, c.unit, c.alarmLow, c.alarmHigh, c.expectedPeriodSeconds))
                .toList();
        return new DeviceInfo(d.id, d.name == null ? d.id : d.name, d.site, d.line, d.enabled, channels);
    }

    public boolean knowsDevice(String deviceId) {
        return repository.device(deviceId) != null;
    }

    /** A user by login name, if known, enabled and reachable by mail. */
    public Optional<Recipient> recipient(String username) {
        return Optional.ofNullable(repository.userByName(username)).flatMap(Directory::reachable);
    }

    /** A user by login name, also when disabled or without address (to tell the caller why). */
    public Optional<UserEntity> userByName(String username) {
        return Optional.ofNullable(repository.userByName(username));
    }

    /** Reachable users holding any of {@code roles}. */
    public List<Recipient> recipientsWithAnyRole(Collection<String> roles) {
        return repository.usersWithAnyRole(roles).stream().map(Directory::reachable).flatMap(Optional::stream).toList();
    }

    /** Every reachable user. */
    public List<Recipient> allRecipients() {
        return repository.allUsers().stream().map(Directory::reachable).flatMap(Optional::stream).toList();
    }

    /**
     * Who is concerned by an alarm on {@code device}: followers of the device or its site, and users with one of
     * {@code roles} responsible for the site. Ordered by username, no duplicates.
     */
    public List<Recipient> concerned(DeviceInfo device, Set<String> roles) {
        Map<String, Recipient> result = new LinkedHashMap<>();
        for (UserEntity u : repository.usersByIds(repository.followerIds(device.deviceId(), device.site()))) {
            reachable(u).ifPresent(r -> result.put(r.username(), r));
        }
        for (Recipient r : recipientsWithAnyRole(roles)) {
            if (r.coversSite(device.site())) {
                result.putIfAbsent(r.username(), r);
            }
        }
        return result.values().stream().sorted(java.util.Comparator.comparing(Recipient::username)).toList();
    }

    /** True when the user follows the device or its site, or holds one of {@code roles} for its site. */
    public boolean isConcerned(Recipient user, String deviceId, String site, Set<String> roles,
            Set<String> followedTargets) {
        return followedTargets.contains("DEVICE:" + deviceId)
                || (site != null && followedTargets.contains("SITE:" + site))
                || (user.hasAnyRole(roles) && user.coversSite(site));
    }

    /** What a user follows, as "KIND:id" strings. */
    public Set<String> followedTargets(String userId) {
        Set<String> targets = new java.util.HashSet<>();
        for (FollowEntity f : repository.followsOf(userId)) {
            targets.add(f.targetKind + ":" + f.targetId);
        }
        return targets;
    }

    private static Optional<Recipient> reachable(UserEntity u) {
        if (u == null || u.disabled || u.email == null || u.email.isBlank() || u.username == null) {
            return Optional.empty();
        }
        return Optional.of(new Recipient(u.id, u.username, u.email, u.roles == null ? Set.of() : Set.copyOf(u.roles),
                u.sites == null ? Set.of() : Set.copyOf(u.sites)));
    }
}
