package io.plantwatch.report.reading.repository;

import io.plantwatch.report.reading.model.Aggregate;
import org.bson.Document;

/** An {@link Aggregate} as a rollup sub-document {@code {n, lo, hi, s, q}} (short names: there are millions). */
final class AggregateCodec {

    private AggregateCodec() {
    }

    static Document toDocument(Aggregate a) {
        return new Document("n", a.count()).append("lo", a.min()).append("hi", a.max()).append("s", a.sum())
                .append("q", a.sumOfSquares());
    }

    static Aggregate fromDocument(Document d) {
        return new Aggregate(((Number) d.get("n")).longValue(), ((Number) d.get("lo")).doubleValue(),
                ((Number) d.get("hi")).doubleValue(), ((Number) d.get("s")).doubleValue(),
                ((Number) d.get("q")).doubleValue());
    }
}
