package io.plantwatch.contracts.event;

import java.time.Instant;
import java.util.Set;

/**
 * A user account as auth-service knows it, published on every change (compacted topic). alert-service keeps a
 * projection to pick notification recipients by role without calling auth-service.
 *
 * @param schemaVersion {@link #SCHEMA_VERSION} when produced
 * @param userId        stable user id; also the Kafka key
 * @param username      login name
 * @param email         e-mail address
 * @param roles         admin, operator, viewer
 * @param sites         sites the user belongs to (empty: all)
 * @param disabled      true when the account may not log in (and gets no mail)
 * @param deleted       true on the event that removes the account
 * @param at            when the change was made
 */
public record UserEvent(int schemaVersion, String userId, String username, String email, Set<String> roles,
        Set<String> sites, boolean disabled, boolean deleted, Instant at) {

    public static final int SCHEMA_VERSION = 1;

    public UserEvent {
        roles = roles == null ? Set.of() : Set.copyOf(roles);
        sites = sites == null ? Set.of() : Set.copyOf(sites);
    }
}
