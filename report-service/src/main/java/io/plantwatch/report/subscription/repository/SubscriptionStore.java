package io.plantwatch.report.subscription.repository;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.plantwatch.report.subscription.service.ReportFormat;
import io.plantwatch.report.subscription.service.ReportPeriod;
import io.plantwatch.report.subscription.service.Subscription;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Report subscriptions ({@code subscriptions}). A delivery is claimed with a conditional update before it is sent,
 * so that of several instances only one sends it, and a crashed sender's claim expires.
 */
@ApplicationScoped
public class SubscriptionStore {

    private final MongoCollection<Document> subscriptions;

    public SubscriptionStore(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.subscriptions = mongo.getDatabase(database).getCollection("subscriptions");
    }

    void createIndexes(@Observes StartupEvent event) {
        subscriptions.createIndex(Indexes.ascending("owner"));
        subscriptions.createIndex(Indexes.ascending("period", "lastPeriodEnd"));
    }

    public void insert(Subscription s) {
        subscriptions.insertOne(new Document("_id", s.id()).append("owner", s.owner()).append("email", s.email())
                .append("format", s.format().name()).append("period", s.period().name()).append("site", s.site())
                .append("line", s.line()).append("deviceIds", s.deviceIds()).append("channels", s.channels())
                .append("createdAt", Date.from(s.createdAt())).append("lastPeriodEnd", Date.from(s.lastPeriodEnd())));
    }

    public Optional<Subscription> find(String id) {
        return Optional.ofNullable(subscriptions.find(Filters.eq("_id", id)).first()).map(SubscriptionStore::toSubscription);
    }

    /** Of one owner, or of everyone when owner is null; oldest first. */
    public List<Subscription> list(String owner) {
        Bson filter = owner == null ? new Document() : Filters.eq("owner", owner);
        List<Subscription> result = new ArrayList<>();
        subscriptions.find(filter).sort(Sorts.ascending("createdAt", "_id")).forEach(d -> result.add(toSubscription(d)));
        return result;
    }

    public long countOf(String owner) {
        return subscriptions.countDocuments(Filters.eq("owner", owner));
    }

    public boolean delete(String id) {
        return subscriptions.deleteOne(Filters.eq("_id", id)).getDeletedCount() == 1;
    }

    /** Ids of subscriptions of this period whose delivery for {@code periodEnd} is due and not claimed. */
    public List<String> due(ReportPeriod period, Instant periodEnd, Instant now) {
        List<String> ids = new ArrayList<>();
        subscriptions.find(Filters.and(Filters.eq("period", period.name()), Filters.lt("lastPeriodEnd", Date.from(periodEnd)),
                unclaimed(now))).forEach(d -> ids.add(d.getString("_id")));
        return ids;
    }

    /** Claims the delivery for {@code periodEnd} until {@code until}; empty when due no more or claimed by another. */
    public Optional<Subscription> claim(String id, Instant periodEnd, Instant now, Instant until) {
        Document doc = subscriptions.findOneAndUpdate(Filters.and(Filters.eq("_id", id),
                        Filters.lt("lastPeriodEnd", Date.from(periodEnd)), unclaimed(now)),
                Updates.set("claimedUntil", Date.from(until)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        return Optional.ofNullable(doc).map(SubscriptionStore::toSubscription);
    }

    public void delivered(String id, Instant periodEnd, Instant at) {
        subscriptions.updateOne(Filters.eq("_id", id), Updates.combine(Updates.set("lastPeriodEnd", Date.from(periodEnd)),
                Updates.set("lastSentAt", Date.from(at)), Updates.unset("claimedUntil"), Updates.unset("lastError")));
    }

    public void failed(String id, String error) {
        subscriptions.updateOne(Filters.eq("_id", id), Updates.combine(Updates.unset("claimedUntil"),
                Updates.set("lastError", error)));
    }

    private static Bson unclaimed(Instant now) {
        return Filters.or(Filters.exists("claimedUntil", false), Filters.eq("claimedUntil", null),
                Filters.lt("claimedUntil", Date.from(now)));
    }

    private static Subscription toSubscription(Document d) {
        return new Subscription(d.getString("_id"), d.getString("owner"), d.getString("email"),
                ReportFormat.valueOf(d.getString("format")), ReportPeriod.valueOf(d.getString("period")),
                d.getString("site"), d.getString("line"), d.getList("deviceIds", String.class, List.of()),
                d.getList("channels", String.class, List.of()), instant(d.getDate("createdAt")),
                instant(d.getDate("lastPeriodEnd")), instant(d.getDate("lastSentAt")), d.getString("lastError"));
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
