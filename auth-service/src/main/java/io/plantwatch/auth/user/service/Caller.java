package io.plantwatch.auth.user.service;

import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Set;

/**
 * Who is calling, from the access token.
 *
 * @param userId   the token's subject (the user id)
 * @param username the token's upn
 * @param roles    the token's groups
 */
public record Caller(String userId, String username, Set<String> roles) {

    public static Caller of(JsonWebToken jwt) {
        return new Caller(jwt.getSubject(), jwt.getName(), Set.copyOf(jwt.getGroups()));
    }

    public boolean admin() {
        return roles.contains(Role.ADMIN);
    }
}
