package io.plantwatch.auth.user.rest;

import io.plantwatch.auth.login.service.LoginService;
import io.plantwatch.auth.user.service.User;
import io.plantwatch.auth.user.service.UserService;
import io.plantwatch.contracts.api.ApiException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Registration, login, refresh, logout and the caller's own account. */
@Path("/api/v1/auth")
@Tag(name = "auth")
public class AuthResource {

    private final UserService users;
    private final LoginService logins;
    private final JsonWebToken jwt;

    public AuthResource(UserService users, LoginService logins, JsonWebToken jwt) {
        this.users = users;
        this.logins = logins;
        this.jwt = jwt;
    }

    public record RegisterRequest(String username, String email, String password) {
    }

    public record LoginRequest(String login, String password) {
    }

    public record RefreshRequest(String refreshToken) {
    }

    public record PasswordChange(String currentPassword, String newPassword) {
    }

    @POST
    @Path("/register")
    @PermitAll
    @Operation(summary = "Create an account; the first one becomes admin, later ones viewers (when registration is open)")
    public Response register(RegisterRequest request) {
        require(request);
        User user = users.register(request.username(), request.email(), request.password());
        return Response.status(201).entity(user).build();
    }

    @POST
    @Path("/login")
    @PermitAll
    @Operation(summary = "Exchange a username or e-mail and password for an access token and a refresh token; "
            + "429 with Retry-After after too many failures")
    public LoginService.Session login(LoginRequest request, @Context HttpServerRequest http) {
        require(request);
        if (request.login() == null || request.login().isBlank()) {
            throw ApiException.invalid("login", "is required");
        }
        if (request.password() == null || request.password().isEmpty()) {
            throw ApiException.invalid("password", "is required");
        }
        return logins.login(request.login(), request.password(), clientAddress(http));
    }

    @POST
    @Path("/refresh")
    @PermitAll
    @Operation(summary = "Exchange a refresh token for a new access token and a new refresh token (the old one is used up)")
    public LoginService.Session refresh(RefreshRequest request) {
        require(request);
        if (request.refreshToken() == null || request.refreshToken().isBlank()) {
            throw ApiException.invalid("refreshToken", "is required");
        }
        return logins.refresh(request.refreshToken());
    }

    @POST
    @Path("/logout")
    @PermitAll
    @Operation(summary = "Revoke the refresh token and every token of its login (works with an expired access token)")
    public Response logout(RefreshRequest request) {
        require(request);
        if (request.refreshToken() == null || request.refreshToken().isBlank()) {
            throw ApiException.invalid("refreshToken", "is required");
        }
        logins.logout(request.refreshToken());
        return Response.noContent().build();
    }

    @GET
    @Path("/me")
    @RolesAllowed({"admin", "operator", "viewer"})
    @Operation(summary = "The caller's account")
    public User me() {
        return users.byId(jwt.getSubject()).or(() -> users.byUsername(jwt.getName()))
                .orElseThrow(() -> ApiException.notFound("user " + jwt.getName()));
    }

    @POST
    @Path("/password")
    @RolesAllowed({"admin", "operator", "viewer"})
    @Operation(summary = "Change the caller's own password: {\"currentPassword\",\"newPassword\"}; ends every session")
    public Response changePassword(PasswordChange request) {
        require(request);
        User me = me();
        users.changeOwnPassword(me.id(), request.currentPassword(), request.newPassword());
        return Response.noContent().build();
    }

    /** 400 naming the body when it is missing. */
    public static void require(Object body) {
        if (body == null) {
            throw ApiException.invalid("body", "is required");
        }
    }

    /** The client's address as seen through the gateway (X-Forwarded-For is honoured, see application.properties). */
    public static String clientAddress(HttpServerRequest http) {
        return http == null || http.remoteAddress() == null ? "unknown" : http.remoteAddress().host();
    }
}
