package io.plantwatch.auth.user.rest;

import io.plantwatch.auth.user.service.User;
import io.plantwatch.auth.user.service.UserService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** Admin user management. */
@Path("/api/v1/users")
@Tag(name = "users")
@RolesAllowed("admin")
public class UserResource {

    private final UserService users;

    public UserResource(UserService users) {
        this.users = users;
    }

    public record NewUser(String username, String email, String password, List<String> roles, List<String> sites) {
    }

    public record Roles(List<String> roles) {
    }

    public record Sites(List<String> sites) {
    }

    public record NewPassword(String password) {
    }

    @GET
    @Operation(summary = "Users by username")
    public List<User> list(@QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("100") @Min(1) @Max(500) int size) {
        return users.list(page, size);
    }

    @POST
    @Operation(summary = "Create a user (also when self-registration is closed): {username,email,password,roles,sites}")
    public Response create(NewUser request) {
        AuthResource.require(request);
        return Response.status(201).entity(users.createByAdmin(request.username(), request.email(), request.password(),
                request.roles(), request.sites())).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One user")
    public User get(@PathParam("id") String id) {
        return users.get(id);
    }

    @PUT
    @Path("/{id}/roles")
    @Operation(summary = "Replace the user's roles: {\"roles\":[\"operator\"]}")
    public User roles(@PathParam("id") String id, Roles request) {
        AuthResource.require(request);
        return users.setRoles(id, request.roles());
    }

    @PUT
    @Path("/{id}/sites")
    @Operation(summary = "Replace the sites the user belongs to (empty: all)")
    public User sites(@PathParam("id") String id, Sites request) {
        AuthResource.require(request);
        return users.setSites(id, request.sites());
    }

    @POST
    @Path("/{id}/disable")
    @Operation(summary = "Disable the account: no login, no refresh, no mail")
    public User disable(@PathParam("id") String id) {
        return users.setDisabled(id, true);
    }

    @POST
    @Path("/{id}/enable")
    @Operation(summary = "Enable the account again")
    public User enable(@PathParam("id") String id) {
        return users.setDisabled(id, false);
    }

    @POST
    @Path("/{id}/password")
    @Operation(summary = "Set a new password for the user (password policy applies); their sessions end")
    public User resetPassword(@PathParam("id") String id, NewPassword request) {
        AuthResource.require(request);
        return users.resetPassword(id, request.password());
    }
}
