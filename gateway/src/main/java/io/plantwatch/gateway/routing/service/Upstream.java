package io.plantwatch.gateway.routing.service;

/** The services behind the gateway. */
public enum Upstream {
    AUTH("auth-service"), INGEST("ingest-service"), DETECTION("detection-service"), ALERT("alert-service"),
    REPORT("report-service");

    private final String serviceName;

    Upstream(String serviceName) {
        this.serviceName = serviceName;
    }

    /** The name people see in error messages and logs. */
    public String serviceName() {
        return serviceName;
    }
}
