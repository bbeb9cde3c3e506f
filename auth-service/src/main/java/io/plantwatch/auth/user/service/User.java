package io.plantwatch.auth.user.service;

import io.plantwatch.auth.user.repository.UserEntity;

import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

/** A user as the API shows it: no password hash. */
public record User(String id, String username, String email, Set<String> roles, Set<String> sites, boolean disabled,
        Instant createdAt) {

    public static User of(UserEntity e) {
        return new User(e.id, e.username, e.email, new TreeSet<>(e.roles == null ? Set.of() : e.roles),
                new TreeSet<>(e.sites == null ? Set.of() : e.sites), e.disabled, e.createdAt);
    }
}
