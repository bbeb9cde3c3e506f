package io.plantwatch.auth.user.service;

import io.quarkus.elytron.security.common.BcryptUtil;
import jakarta.enterprise.context.ApplicationScoped;
import org.wildfly.security.password.PasswordFactory;
import org.wildfly.security.password.interfaces.BCryptPassword;
import org.wildfly.security.password.util.ModularCrypt;

/** bcrypt through Elytron (the library Quarkus itself uses). */
@ApplicationScoped
public class PasswordHasher {

    /** Work factor: about 50 ms per hash here, which slows guessing without slowing people. */
    static final int COST = 10;

    public String hash(String password) {
        return BcryptUtil.bcryptHash(password, COST);
    }

    public boolean matches(String password, String hash) {
        try {
            BCryptPassword stored = (BCryptPassword) PasswordFactory.getInstance(BCryptPassword.ALGORITHM_BCRYPT)
                    .translate(ModularCrypt.decode(hash));
            return PasswordFactory.getInstance(BCryptPassword.ALGORITHM_BCRYPT).verify(stored, password.toCharArray());
        } catch (Exception e) {
            return false;
        }
    }
}
