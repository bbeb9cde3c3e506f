package io.plantwatch.report.top.service;

import java.util.List;

/** What a top-N view counts by. */
public enum TopGrouping {
    DEVICE(List.of("deviceId")), CHANNEL(List.of("deviceId", "channel"));

    private final List<String> fields;

    TopGrouping(List<String> fields) {
        this.fields = fields;
    }

    public List<String> fields() {
        return fields;
    }
}
