package io.plantwatch.alert.notification.repository;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.result.UpdateResult;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.inc;
import static com.mongodb.client.model.Updates.set;

/** The digest journal, rate-limit windows, overflow records and digest watermarks. */
@ApplicationScoped
public class NotificationStore {

    private final Journal journal;
    private final Overflows overflows;

    public NotificationStore(Journal journal, Overflows overflows) {
        this.journal = journal;
        this.overflows = overflows;
    }

    void createIndexes(@Observes StartupEvent event) {
        journal.mongoCollection().createIndex(Indexes.ascending("at"), new IndexOptions().expireAfter(30L, TimeUnit.DAYS));
        overflows.mongoCollection().createIndex(Indexes.ascending("recipient", "at"));
    }

    // ------------------------------------------------------------ journal

    /** Records an anomaly once (a replay is ignored). */
    public void record(JournalEntity entry) {
        insertOnce(() -> journal.mongoCollection().insertOne(entry));
    }

    public List<JournalEntity> journalBetween(Instant from, Instant to, int minSeverityRank, int limit) {
        return journal.mongoCollection().find(and(gte("at", from), lt("at", to), gte("severityRank", minSeverityRank)))
                .sort(Sorts.ascending("at")).limit(limit).into(new ArrayList<>());
    }

    // ------------------------------------------------------------ overflow

    /** True when the mail {@code id} went into a digest instead (over the rate limit) before. */
    public boolean overflowed(String id) {
        return overflows.findById(id) != null;
    }

    public void recordOverflow(OverflowEntity entry) {
        insertOnce(() -> overflows.mongoCollection().insertOne(entry));
    }

    public List<OverflowEntity> overflowBetween(String recipient, Instant from, Instant to) {
        return overflows.mongoCollection().find(and(eq("recipient", recipient), gte("at", from), lt("at", to)))
                .sort(Sorts.ascending("at")).into(new ArrayList<>());
    }

    // ------------------------------------------------------------ rate limit

    /**
     * Takes one of {@code max} slots of the sliding window ending at {@code now} for {@code recipient}; false when
     * all are taken. Compare-and-set on a version, so concurrent callers never exceed the limit.
     */
    public boolean tryAcquire(String recipient, Instant now, Instant windowStart, int max) {
        MongoCollection<Document> c = journal.mongoDatabase().getCollection("rate_limits");
        for (int attempt = 0; attempt < 20; attempt++) {
            Document doc = c.find(eq("_id", recipient)).first();
            if (doc == null) {
                if (max < 1) {
                    return false;
                }
                try {
                    c.insertOne(new Document("_id", recipient).append("version", 1L).append("sent", List.of(Date.from(now))));
                    return true;
                } catch (MongoWriteException e) {
                    if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                        throw e;
                    }
                    continue;
                }
            }
            List<Date> recent = new ArrayList<>();
            for (Object o : doc.getList("sent", Object.class, List.of())) {
                if (o instanceof Date d && d.toInstant().isAfter(windowStart)) {
                    recent.add(d);
                }
            }
            if (recent.size() >= max) {
                return false;
            }
            recent.add(Date.from(now));
            long version = ((Number) doc.get("version")).longValue();
            UpdateResult r = c.updateOne(and(eq("_id", recipient), eq("version", version)),
                    combine(set("sent", recent), inc("version", 1L)));
            if (r.getModifiedCount() == 1) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------ digest watermarks

    /** A recipient's digest position: digested up to {@code until}; a started digest is [pendingFrom, pendingUntil). */
    public record Watermark(Instant until, Instant pendingFrom, Instant pendingUntil) {
    }

    public Watermark watermark(String recipient) {
        Document d = watermarks().find(eq("_id", recipient)).first();
        if (d == null) {
            return new Watermark(null, null, null);
        }
        return new Watermark(instant(d, "until"), instant(d, "pendingFrom"), instant(d, "pendingUntil"));
    }

    /**
     * Starts the digest [from, until) unless another one is pending; returns the pending digest either way (so
     * two instances running the digest at once build the same mail, which the outbox stores once).
     */
    public Watermark begin(String recipient, Instant from, Instant until) {
        MongoCollection<Document> c = watermarks();
        Document existing = c.find(eq("_id", recipient)).first();
        if (existing == null) {
            try {
                c.insertOne(new Document("_id", recipient).append("until", null).append("pendingFrom", Date.from(from))
                        .append("pendingUntil", Date.from(until)));
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
        } else if (existing.get("pendingUntil") == null) {
            c.updateOne(and(eq("_id", recipient), eq("pendingUntil", null)),
                    combine(set("pendingFrom", Date.from(from)), set("pendingUntil", Date.from(until))));
        }
        return watermark(recipient);
    }

    /** The pending digest is queued: the recipient is now digested up to its end. */
    public void commit(String recipient, Instant pendingUntil) {
        watermarks().updateOne(and(eq("_id", recipient), eq("pendingUntil", Date.from(pendingUntil))),
                combine(set("until", Date.from(pendingUntil)), set("pendingFrom", null), set("pendingUntil", null)));
    }

    private MongoCollection<Document> watermarks() {
        return journal.mongoDatabase().getCollection("digest_watermarks");
    }

    private static Instant instant(Document d, String field) {
        Object v = d.get(field);
        return v instanceof Date date ? date.toInstant() : null;
    }

    private static void insertOnce(Runnable insert) {
        try {
            insert.run();
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }

    @ApplicationScoped
    public static class Journal implements PanacheMongoRepositoryBase<JournalEntity, String> {
    }

    @ApplicationScoped
    public static class Overflows implements PanacheMongoRepositoryBase<OverflowEntity, String> {
    }
}
