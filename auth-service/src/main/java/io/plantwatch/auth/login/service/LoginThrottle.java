package io.plantwatch.auth.login.service;

import io.plantwatch.auth.login.repository.LoginFailureEntity;
import io.plantwatch.auth.login.repository.LoginFailureRepository;
import io.plantwatch.auth.user.config.AuthConfig;
import io.plantwatch.contracts.api.ApiException;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Brute-force protection: after N failures within a window, an account name (whether or not it exists) or a
 * client address is locked for a while. A locked caller gets 429 with Retry-After, and the same answer for
 * existing and unknown accounts.
 */
@ApplicationScoped
public class LoginThrottle {

    private final LoginFailureRepository failures;
    private final AuthConfig.LoginThrottle config;

    public LoginThrottle(LoginFailureRepository failures, AuthConfig config) {
        this.failures = failures;
        this.config = config.loginThrottle();
    }

    /** Throws 429 when the account or the address is locked now. */
    public void checkAllowed(String account, String address) {
        Instant now = Instant.now();
        Instant until = later(lockedUntil(accountKey(account), now), lockedUntil(addressKey(address), now));
        if (until != null) {
            long seconds = Math.max(1, Duration.between(now, until).toSeconds() + 1);
            throw ApiException.tooManyRequests("too many failed attempts: try again in " + seconds + " s", seconds);
        }
    }

    /** Counts a failed attempt against the account name and the address, locking either at its limit. */
    public void failed(String account, String address) {
        count(accountKey(account), config.maxFailuresPerAccount());
        count(addressKey(address), config.maxFailuresPerAddress());
    }

    /** A successful login clears its account's counter (not the address's: one good account must not reset a guesser). */
    public void succeeded(String account) {
        failures.clear(accountKey(account));
    }

    @Scheduled(every = "5m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        Instant now = Instant.now();
        failures.deleteStale(now.minus(config.window()), now);
    }

    private void count(String key, int max) {
        Instant now = Instant.now();
        LoginFailureEntity counter = failures.countFailure(key, now, now.minus(config.window()));
        if (counter != null && counter.failures >= max) {
            failures.lockUntil(key, now.plus(config.lockout()));
        }
    }

    private Instant lockedUntil(String key, Instant now) {
        LoginFailureEntity counter = failures.findById(key);
        return counter == null || counter.lockedUntil == null || !counter.lockedUntil.isAfter(now) ? null
                : counter.lockedUntil;
    }

    private static Instant later(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }

    static String accountKey(String account) {
        return "account|" + (account == null ? "" : account.trim().toLowerCase(Locale.ROOT));
    }

    static String addressKey(String address) {
        return "address|" + (address == null ? "unknown" : address);
    }
}
