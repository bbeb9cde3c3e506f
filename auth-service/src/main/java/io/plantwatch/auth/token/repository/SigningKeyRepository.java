package io.plantwatch.auth.token.repository;

import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

/** The key ring as stored. */
@ApplicationScoped
public class SigningKeyRepository implements PanacheMongoRepositoryBase<SigningKeyEntity, String> {
}
