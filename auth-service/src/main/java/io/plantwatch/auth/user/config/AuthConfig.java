package io.plantwatch.auth.user.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Settings of auth-service ({@code plantwatch.auth.*}). */
@ConfigMapping(prefix = "plantwatch.auth")
public interface AuthConfig {

    /** Lifetime of a person's access token. */
    @WithDefault("PT15M")
    Duration accessTokenLifetime();

    /** Lifetime of a refresh token; each use replaces it with a new one. */
    @WithDefault("P14D")
    Duration refreshTokenLifetime();

    /** Lifetime of a device's access token (exchanged for its credential). */
    @WithDefault("PT30M")
    Duration deviceTokenLifetime();

    /** Whether anyone may register after the first user (otherwise only admins create users). */
    @WithDefault("true")
    boolean openRegistration();

    /** Shortest accepted password. */
    @WithDefault("10")
    int minPasswordLength();

    /** The admin account created at first start of the local stack. */
    BootstrapAdmin bootstrapAdmin();

    /** Brute-force protection of login and device-token exchange. */
    LoginThrottle loginThrottle();

    /** Signing keys and their rotation. */
    Keys keys();

    /** Device credentials. */
    DeviceCredentials deviceCredentials();

    /** The feed's projection of alarm changes. */
    Feed feed();

    interface BootstrapAdmin {
        /** User name of the bootstrap admin. */
        @WithDefault("admin")
        String username();

        /** File holding its generated password; no bootstrap admin when absent. */
        Optional<String> passwordFile();
    }

    interface LoginThrottle {
        /** Failed logins of one account (as typed, existing or not) within {@link #window()} before a lockout. */
        @WithDefault("5")
        int maxFailuresPerAccount();

        /** Failed logins from one client address within {@link #window()} before a lockout. */
        @WithDefault("30")
        int maxFailuresPerAddress();

        /** Period over which failures are counted. */
        @WithDefault("PT15M")
        Duration window();

        /** How long a locked account or address must wait. */
        @WithDefault("PT5M")
        Duration lockout();
    }

    interface Keys {
        /** Age after which the active signing key is replaced by a new one. */
        @WithDefault("P30D")
        Duration rotationPeriod();

        /**
         * How long before a rotation the next key is published in the JWKS (longer than any verifier caches it).
         */
        @WithDefault("PT1H")
        Duration prePublish();

        /** How long an auth-service instance trusts its cached copy of the key ring. */
        @WithDefault("PT30S")
        Duration cacheTtl();
    }

    interface DeviceCredentials {
        /** How long a rotated (previous) device secret keeps working, so the device can be updated. */
        @WithDefault("PT1H")
        Duration rotationGrace();
    }

    interface Feed {
        /** How long alarm changes are kept for the feed. */
        @WithDefault("P30D")
        Duration alarmRetention();
    }
}
