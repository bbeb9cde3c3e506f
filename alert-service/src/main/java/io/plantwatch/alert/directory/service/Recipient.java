package io.plantwatch.alert.directory.service;

import java.util.Set;

/** A user who can receive mail: a user of the projection that is enabled and has an address. */
public record Recipient(String userId, String username, String email, Set<String> roles, Set<String> sites) {

    /** True when the user is responsible for {@code site} (no sites means every site). */
    public boolean coversSite(String site) {
        return sites.isEmpty() || site == null || sites.contains(site);
    }

    public boolean hasAnyRole(Set<String> wanted) {
        return roles.stream().anyMatch(wanted::contains);
    }
}
