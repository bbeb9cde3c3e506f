package io.plantwatch.auth.token.service;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * auth-service verifies tokens against its own key ring (other services use its JWKS over HTTP): the key is
 * chosen by the token's {@code kid}; the usual checks (signature, issuer, expiry) stay those of smallrye-jwt.
 */
@ApplicationScoped
@Alternative
@Priority(1)
public class KeyRingPrincipalFactory extends JWTCallerPrincipalFactory {

    private static final Pattern KID = Pattern.compile("\"kid\"\\s*:\\s*\"([^\"]+)\"");

    private final KeyRing keys;
    private final DefaultJWTCallerPrincipalFactory delegate = new DefaultJWTCallerPrincipalFactory();

    public KeyRingPrincipalFactory(KeyRing keys) {
        this.keys = keys;
    }

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo authContextInfo) throws ParseException {
        String kid = kidOf(token);
        List<SigningKey> candidates = new ArrayList<>();
        if (kid != null) {
            keys.byKid(kid).ifPresent(candidates::add);
        } else {
            // tokens without kid (signed by tools and tests with the configured key): try each published key
            candidates.addAll(keys.published());
        }
        if (candidates.isEmpty()) {
            throw new ParseException("unknown signing key " + kid);
        }
        ParseException last = null;
        for (SigningKey key : candidates) {
            JWTAuthContextInfo withKey = new JWTAuthContextInfo(authContextInfo);
            withKey.setPublicKeyLocation(null);
            withKey.setPublicKeyContent(null);
            withKey.setPublicVerificationKey(key.publicKey());
            try {
                return delegate.parse(token, withKey);
            } catch (ParseException e) {
                last = e;
            }
        }
        throw last;
    }

    static String kidOf(String token) {
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return null;
        }
        try {
            String header = new String(Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.UTF_8);
            Matcher m = KID.matcher(header);
            return m.find() ? m.group(1) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
