package io.plantwatch.auth.user.service;

import java.util.Set;

/** Role names, as they appear in the token's {@code groups} claim and in {@code @RolesAllowed}. */
public final class Role {
    public static final String ADMIN = "admin";
    public static final String OPERATOR = "operator";
    public static final String VIEWER = "viewer";
    public static final String DEVICE = "device";

    public static final Set<String> USER_ROLES = Set.of(ADMIN, OPERATOR, VIEWER);

    private Role() {
    }
}
