package io.plantwatch.auth.follow.service;

import io.plantwatch.auth.follow.kafka.FollowEventPublisher;
import io.plantwatch.auth.follow.repository.FollowEntity;
import io.plantwatch.auth.follow.repository.FollowRepository;
import io.plantwatch.auth.user.service.User;
import io.plantwatch.auth.user.service.UserService;
import io.plantwatch.contracts.api.ApiError.FieldError;
import io.plantwatch.contracts.api.ApiException;
import io.plantwatch.contracts.event.FollowEvent;
import io.plantwatch.contracts.event.FollowEvent.TargetKind;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** A user follows devices, sites and other users; every change is published on plant.follows. */
@ApplicationScoped
public class FollowService {

    private static final Pattern TARGET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");
    /** Bounds the feed's queries and the alert projection per user. */
    static final int MAX_FOLLOWS_PER_USER = 500;

    private final FollowRepository follows;
    private final FollowEventPublisher events;
    private final UserService users;

    public FollowService(FollowRepository follows, FollowEventPublisher events, UserService users) {
        this.follows = follows;
        this.events = events;
        this.users = users;
    }

    /** Follows a target (idempotent); a followed user may be named by username or id. */
    public Follow follow(String userId, String kind, String targetId) {
        Target target = target(kind, targetId);
        if (target.kind == TargetKind.USER && target.id.equals(userId)) {
            throw ApiException.invalid("targetId", "you cannot follow yourself");
        }
        String id = FollowEvent.idOf(userId, target.kind, target.id);
        Optional<FollowEntity> existing = follows.active(id);
        if (existing.isPresent()) {
            return Follow.of(existing.get());
        }
        if (follows.activeOf(userId).size() >= MAX_FOLLOWS_PER_USER) {
            throw ApiException.conflict("you follow " + MAX_FOLLOWS_PER_USER + " things already: unfollow some first");
        }
        FollowEntity saved = follows.set(id, userId, target.kind.name(), target.id, true);
        events.publish(saved);
        return Follow.of(saved);
    }

    /** Stops following; 404 when the caller did not follow it. */
    public void unfollow(String userId, String kind, String targetId) {
        Target target = target(kind, targetId);
        String id = FollowEvent.idOf(userId, target.kind, target.id);
        if (follows.active(id).isEmpty()) {
            throw ApiException.notFound("follow of " + target.kind.name().toLowerCase(Locale.ROOT) + " " + targetId);
        }
        events.publish(follows.set(id, userId, target.kind.name(), target.id, false));
    }

    public List<Follow> of(String userId) {
        return follows.activeOf(userId).stream().map(Follow::of).toList();
    }

    private record Target(TargetKind kind, String id) {
    }

    private Target target(String kind, String targetId) {
        List<FieldError> errors = new ArrayList<>();
        TargetKind parsed = null;
        try {
            parsed = kind == null ? null : TargetKind.valueOf(kind.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            parsed = null;
        }
        if (parsed == null) {
            errors.add(new FieldError("targetKind", "must be one of device, site, user"));
        }
        if (targetId == null || !TARGET.matcher(targetId.trim()).matches()) {
            errors.add(new FieldError("targetId", "must be 1-64 characters: letters, digits, '.', '_', ':' or '-'"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        String id = targetId.trim();
        if (parsed == TargetKind.USER) {
            User followed = users.byId(id).or(() -> users.byUsername(id.toLowerCase(Locale.ROOT)))
                    .orElseThrow(() -> ApiException.notFound("user " + id));
            return new Target(parsed, followed.id());
        }
        return new Target(parsed, id);
    }
}
