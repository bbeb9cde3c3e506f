package io.plantwatch.alert.notification.repository;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.set;
import static com.mongodb.client.model.Updates.unset;

/** The mail outbox and its state changes (each one atomic on one document). */
@ApplicationScoped
public class MailRepository implements PanacheMongoRepositoryBase<MailEntity, String> {

    public static final String QUEUED = "QUEUED";
    public static final String SENDING = "SENDING";
    public static final String SENT = "SENT";
    public static final String FAILED = "FAILED";

    void createIndexes(@Observes StartupEvent event) {
        mongoCollection().createIndex(Indexes.ascending("state", "nextAttemptAt"));
        mongoCollection().createIndex(Indexes.ascending("recipient", "createdAt"));
        mongoCollection().createIndex(Indexes.descending("createdAt"));
    }

    /** Queues a mail; false when a mail with its id was queued before (nothing changes then). */
    /** True when a mail with this id was queued before (in any state). */
    public boolean holds(String id) {
        return mongoCollection().find(new org.bson.Document("_id", id)).first() != null;
    }

    public boolean enqueue(MailEntity mail) {
        try {
            mongoCollection().insertOne(mail);
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    /** Takes the next due mail (queued and due, or sending under an expired lease) for one attempt. */
    public MailEntity claimNext(Instant now, Instant leaseUntil) {
        Bson due = or(and(eq("state", QUEUED), lte("nextAttemptAt", now)), and(eq("state", SENDING), lte("leaseUntil", now)));
        return mongoCollection().findOneAndUpdate(due,
                combine(set("state", SENDING), set("leaseUntil", leaseUntil), set("updatedAt", now)),
                new FindOneAndUpdateOptions().sort(Sorts.ascending("nextAttemptAt")).returnDocument(ReturnDocument.AFTER));
    }

    public void markSent(String id, int attempts, Instant now) {
        mongoCollection().updateOne(and(eq("_id", id), eq("state", SENDING)), combine(set("state", SENT),
                set("attempts", attempts), set("sentAt", now), set("updatedAt", now), unset("leaseUntil"),
                unset("lastError")));
    }

    /** A failed attempt: back to QUEUED for {@code nextAttemptAt}, or FAILED when {@code nextAttemptAt} is null. */
    public void markAttemptFailed(String id, int attempts, String error, Instant nextAttemptAt, Instant now) {
        mongoCollection().updateOne(and(eq("_id", id), eq("state", SENDING)), combine(
                set("state", nextAttemptAt == null ? FAILED : QUEUED), set("attempts", attempts),
                set("lastError", error), set("nextAttemptAt", nextAttemptAt), set("updatedAt", now),
                unset("leaseUntil")));
    }

    public List<MailEntity> find(Bson filter, int skip, int limit) {
        return mongoCollection().find(filter).sort(Sorts.descending("createdAt")).skip(skip).limit(limit)
                .into(new ArrayList<>());
    }

    public long count(Bson filter) {
        return mongoCollection().countDocuments(filter);
    }
}
