package io.plantwatch.auth.user.service;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Updates;
import io.plantwatch.auth.token.service.RefreshTokens;
import io.plantwatch.auth.user.config.AuthConfig;
import io.plantwatch.auth.user.kafka.UserEventPublisher;
import io.plantwatch.auth.user.repository.UserEntity;
import io.plantwatch.auth.user.repository.UserRepository;
import io.plantwatch.contracts.api.ApiError.FieldError;
import io.plantwatch.contracts.api.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

/** Accounts: registration, credential checks, own password, and what admins do to users. */
@ApplicationScoped
public class UserService {

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{2,31}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern SITE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");
    private static final Set<String> COMMON_PASSWORDS = Set.of("password", "password1", "password123", "123456789",
            "1234567890", "12345678", "qwertyuiop", "iloveyou", "admin123", "administrator", "letmein123",
            "welcome123", "changeme", "plantwatch", "passw0rd", "qwerty123", "1q2w3e4r5t", "trustno1",
            "sunshine123", "football123", "monkey1234", "dragon1234", "princess123", "changeme123", "secret1234");
    /** A valid bcrypt hash of a random string: unknown accounts cost the same time as known ones. */
    private final String decoyHash;

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final AuthConfig config;
    private final UserEventPublisher events;
    private final RefreshTokens refreshTokens;

    public UserService(UserRepository users, PasswordHasher hasher, AuthConfig config, UserEventPublisher events,
            RefreshTokens refreshTokens) {
        this.users = users;
        this.hasher = hasher;
        this.config = config;
        this.events = events;
        this.refreshTokens = refreshTokens;
        this.decoyHash = hasher.hash(UUID.randomUUID().toString());
    }

    /**
     * Self-registration. The very first user becomes admin; later ones are viewers, and only while registration
     * is open. Username and e-mail are unique.
     */
    public User register(String username, String email, String password) {
        NewUser valid = validate(username, email, password, null, null);
        boolean first = users.count() == 0;
        if (!first && !config.openRegistration()) {
            throw ApiException.forbidden("self-registration is closed: ask an admin to create your account");
        }
        return create(valid.username, valid.email, password, first ? Set.of(Role.ADMIN) : Set.of(Role.VIEWER), Set.of());
    }

    /** An admin creates an account with the given roles (default viewer) and sites. */
    public User createByAdmin(String username, String email, String password, Collection<String> roles,
            Collection<String> sites) {
        NewUser valid = validate(username, email, password, roles == null || roles.isEmpty() ? List.of(Role.VIEWER) : roles,
                sites);
        return create(valid.username, valid.email, password, valid.roles, valid.sites);
    }

    private record NewUser(String username, String email, Set<String> roles, Set<String> sites) {
    }

    private NewUser validate(String username, String email, String password, Collection<String> roles,
            Collection<String> sites) {
        List<FieldError> errors = new ArrayList<>();
        String name = username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
        String mail = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
        if (!USERNAME.matcher(name).matches()) {
            errors.add(new FieldError("username", "must be 3-32 characters: letters, digits, '.', '_' or '-'"));
        }
        if (!EMAIL.matcher(mail).matches()) {
            errors.add(new FieldError("email", "must be an e-mail address"));
        }
        passwordProblem(name, password).ifPresent(p -> errors.add(new FieldError("password", p)));
        Set<String> validRoles = roles == null ? Set.of() : rolesOrErrors(roles, errors);
        Set<String> validSites = sites == null ? Set.of() : sitesOrErrors(sites, errors);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return new NewUser(name, mail, validRoles, validSites);
    }

    User create(String username, String email, String password, Set<String> roles, Set<String> sites) {
        UserEntity entity = new UserEntity();
        entity.id = UUID.randomUUID().toString();
        entity.username = username;
        entity.email = email;
        entity.passwordHash = hasher.hash(password);
        entity.roles = Set.copyOf(roles);
        entity.sites = Set.copyOf(sites);
        entity.createdAt = Instant.now();
        entity.updatedAt = entity.createdAt;
        entity.revision = 1;
        entity.pendingEvent = true;
        try {
            users.persist(entity);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                boolean nameTaken = users.findByUsername(username).isPresent();
                throw ApiException.conflict(nameTaken ? "username '" + username + "' is taken"
                        : "e-mail '" + email + "' is already registered");
            }
            throw e;
        }
        events.publish(entity);
        return User.of(entity);
    }

    /**
     * The user whose login (username or e-mail) and password match, if any and not disabled. Costs one bcrypt
     * check whether or not the account exists, so timing does not tell.
     */
    public Optional<User> authenticate(String login, String password) {
        if (login == null || password == null) {
            return Optional.empty();
        }
        Optional<UserEntity> found = users.findByLogin(login.trim());
        boolean matches = hasher.matches(password, found.map(u -> u.passwordHash).orElse(decoyHash));
        return found.filter(u -> matches && !u.disabled).map(User::of);
    }

    public Optional<User> byId(String id) {
        return Optional.ofNullable(id).map(users::findById).map(User::of);
    }

    public Optional<User> byUsername(String username) {
        return users.findByUsername(username).map(User::of);
    }

    /** An enabled user by id (refresh must not outlive a disable). */
    public Optional<User> enabled(String id) {
        return byId(id).filter(u -> !u.disabled());
    }

    /** Creates the bootstrap admin unless a user of that name exists. */
    public void ensureAdmin(String username, String password) {
        if (users.findByUsername(username).isEmpty()) {
            create(username, username + "@plantwatch.local", password, Set.of(Role.ADMIN), Set.of());
        }
    }

    /** The caller changes their own password; every refresh token of theirs is revoked. */
    public void changeOwnPassword(String userId, String currentPassword, String newPassword) {
        UserEntity user = userId == null ? null : users.findById(userId);
        if (user == null) {
            throw ApiException.notFound("user");
        }
        List<FieldError> errors = new ArrayList<>();
        if (currentPassword == null || !hasher.matches(currentPassword, user.passwordHash)) {
            errors.add(new FieldError("currentPassword", "is not your current password"));
        }
        passwordProblem(user.username, newPassword).ifPresent(p -> errors.add(new FieldError("newPassword", p)));
        if (newPassword != null && newPassword.equals(currentPassword)) {
            errors.add(new FieldError("newPassword", "must differ from the current password"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        setPassword(user.id, newPassword);
    }

    /** An admin sets a new password for a user (e.g. forgotten); the user's sessions end. */
    public User resetPassword(String userId, String newPassword) {
        UserEntity user = existing(userId);
        passwordProblem(user.username, newPassword).ifPresent(p -> {
            throw ApiException.invalid("password", p);
        });
        return setPassword(user.id, newPassword);
    }

    private User setPassword(String userId, String newPassword) {
        UserEntity changed = users.change(userId, Updates.set("passwordHash", hasher.hash(newPassword)))
                .orElseThrow(() -> ApiException.notFound("user " + userId));
        refreshTokens.revokeAll(userId);
        events.publish(changed);
        return User.of(changed);
    }

    public List<User> list(int page, int size) {
        return users.page(page, size).stream().map(User::of).toList();
    }

    public User get(String userId) {
        return User.of(existing(userId));
    }

    /** Replaces a user's roles; the last enabled admin keeps the admin role. */
    public User setRoles(String userId, Collection<String> roles) {
        List<FieldError> errors = new ArrayList<>();
        Set<String> valid = rolesOrErrors(roles == null ? List.of() : roles, errors);
        if (valid.isEmpty() && errors.isEmpty()) {
            errors.add(new FieldError("roles", "must name at least one of admin, operator, viewer"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        UserEntity user = existing(userId);
        if (user.roles.contains(Role.ADMIN) && !valid.contains(Role.ADMIN) && !user.disabled
                && users.countEnabledAdmins() <= 1) {
            throw ApiException.conflict("'" + user.username + "' is the last admin: make someone else admin first");
        }
        return apply(userId, Updates.set("roles", valid));
    }

    public User setSites(String userId, Collection<String> sites) {
        List<FieldError> errors = new ArrayList<>();
        Set<String> valid = sitesOrErrors(sites == null ? List.of() : sites, errors);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        existing(userId);
        return apply(userId, Updates.set("sites", valid));
    }

    /** Disables or enables an account; disabling ends its sessions (access tokens expire within their lifetime). */
    public User setDisabled(String userId, boolean disabled) {
        UserEntity user = existing(userId);
        if (disabled && user.roles.contains(Role.ADMIN) && !user.disabled && users.countEnabledAdmins() <= 1) {
            throw ApiException.conflict("'" + user.username + "' is the last enabled admin and cannot be disabled");
        }
        User changed = apply(userId, Updates.set("disabled", disabled));
        if (disabled) {
            refreshTokens.revokeAll(userId);
        }
        return changed;
    }

    private User apply(String userId, Bson update) {
        UserEntity changed = users.change(userId, update).orElseThrow(() -> ApiException.notFound("user " + userId));
        events.publish(changed);
        return User.of(changed);
    }

    private UserEntity existing(String userId) {
        UserEntity user = userId == null ? null : users.findById(userId);
        if (user == null) {
            throw ApiException.notFound("user " + userId);
        }
        return user;
    }

    private static Set<String> rolesOrErrors(Collection<String> roles, List<FieldError> errors) {
        Set<String> valid = new TreeSet<>();
        int i = 0;
        for (String role : roles) {
            String r = role == null ? "" : role.trim().toLowerCase(Locale.ROOT);
            if (!Role.USER_ROLES.contains(r)) {
                errors.add(new FieldError("roles[" + i + "]", "must be one of admin, operator, viewer"));
            } else {
                valid.add(r);
            }
            i++;
        }
        return valid;
    }

    private static Set<String> sitesOrErrors(Collection<String> sites, List<FieldError> errors) {
        Set<String> valid = new TreeSet<>();
        int i = 0;
        for (String site : sites) {
            if (site == null || !SITE.matcher(site.trim()).matches()) {
                errors.add(new FieldError("sites[" + i + "]", "must be 1-64 characters: letters, digits, '.', '_', ':' or '-'"));
            } else {
                valid.add(site.trim());
            }
            i++;
        }
        return valid;
    }

    Optional<String> passwordProblem(String username, String password) {
        if (password == null || password.length() < config.minPasswordLength()) {
            return Optional.of("must be at least " + config.minPasswordLength() + " characters");
        }
        if (password.length() > 72) {
            return Optional.of("must be at most 72 characters (bcrypt reads no more)");
        }
        if (password.equalsIgnoreCase(username)) {
            return Optional.of("must not equal the username");
        }
        if (COMMON_PASSWORDS.contains(password.toLowerCase(Locale.ROOT))) {
            return Optional.of("is too common");
        }
        return Optional.empty();
    }
}
