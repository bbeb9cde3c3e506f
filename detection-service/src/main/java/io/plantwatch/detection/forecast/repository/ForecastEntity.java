package io.plantwatch.detection.forecast.repository;

import io.quarkus.mongodb.panache.common.MongoEntity;
import org.bson.codecs.pojo.annotations.BsonId;

import java.time.Instant;
import java.util.List;

/** The latest forecast of a device channel (collection {@code forecasts}); id = deviceId + "|" + channel. */
@MongoEntity(collection = "forecasts")
public class ForecastEntity {
    @BsonId
    public String id;
    public String deviceId;
    public String channel;
    public Instant generatedAt;
    public String generatedBy;
    public Instant historyFrom;
    public Instant historyTo;
    public long stepMillis;
    public int seasonSteps;
    public int trainedOn;
    public List<PointDoc> points;
    // rolling-origin backtest
    public int origins;
    public int horizonSteps;
    public Double mape;
    public double rmse;
    public Double naiveMape;
    public double naiveRmse;
    public double skill;

    /** One forecast step. */
    public static class PointDoc {
        public Instant ts;
        public double value;
        public double low;
        public double high;
    }
}
