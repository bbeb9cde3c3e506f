package io.plantwatch.auth.login.service;

import io.plantwatch.auth.token.service.RefreshTokens;
import io.plantwatch.auth.token.service.TokenIssuer;
import io.plantwatch.auth.user.service.User;
import io.plantwatch.auth.user.service.UserService;
import io.plantwatch.contracts.api.ApiException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/** Login, refresh and logout: throttled credential checks, access tokens and rotating refresh tokens. */
@ApplicationScoped
public class LoginService {

    private final UserService users;
    private final TokenIssuer tokens;
    private final RefreshTokens refreshTokens;
    private final LoginThrottle throttle;

    public LoginService(UserService users, TokenIssuer tokens, RefreshTokens refreshTokens, LoginThrottle throttle) {
        this.users = users;
        this.tokens = tokens;
        this.refreshTokens = refreshTokens;
        this.throttle = throttle;
    }

    /** What login and refresh return. */
    public record Session(String accessToken, String tokenType, long expiresIn, Instant expiresAt, String refreshToken,
            User user) {
        static Session of(TokenIssuer.AccessToken access, String refreshToken, User user) {
            return new Session(access.accessToken(), access.tokenType(), access.expiresIn(), access.expiresAt(),
                    refreshToken, user);
        }
    }

    /** 401 for a wrong login or password (same answer whether the account exists), 429 while locked out. */
    public Session login(String login, String password, String clientAddress) {
        throttle.checkAllowed(login, clientAddress);
        User user = users.authenticate(login, password).orElse(null);
        if (user == null) {
            throttle.failed(login, clientAddress);
            throw ApiException.unauthorized("wrong login or password");
        }
        throttle.succeeded(login);
        return Session.of(tokens.issue(user), refreshTokens.startFamily(user.id()), user);
    }

    /** A new access token and refresh token for a valid, unused refresh token of an enabled user. */
    public Session refresh(String refreshToken) {
        RefreshTokens.Rotation rotation = refreshTokens.rotate(refreshToken);
        User user = users.enabled(rotation.userId()).orElse(null);
        if (user == null) {
            refreshTokens.revokeFamily(rotation.familyId());
            throw ApiException.unauthorized("refresh token is invalid or expired: log in again");
        }
        return Session.of(tokens.issue(user), rotation.refreshToken(), user);
    }

    public void logout(String refreshToken) {
        refreshTokens.logout(refreshToken);
    }
}
