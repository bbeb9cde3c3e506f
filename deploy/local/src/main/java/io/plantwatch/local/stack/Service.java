package io.plantwatch.local.stack;

/** The six PlantWatch services: module folder, default port and the environment variable that overrides it. */
public enum Service {
    AUTH("auth-service", 8081, "AUTH_PORT"),
    INGEST("ingest-service", 8082, "INGEST_PORT"),
    DETECTION("detection-service", 8083, "DETECTION_PORT"),
    ALERT("alert-service", 8084, "ALERT_PORT"),
    REPORT("report-service", 8085, "REPORT_PORT"),
    GATEWAY("gateway", 8080, "GATEWAY_PORT");

    private final String module;
    private final int defaultPort;
    private final String portVariable;

    Service(String module, int defaultPort, String portVariable) {
        this.module = module;
        this.defaultPort = defaultPort;
        this.portVariable = portVariable;
    }

    /** Maven module folder, also the name used by ./plantwatch logs. */
    public String module() {
        return module;
    }

    public int defaultPort() {
        return defaultPort;
    }

    public String portVariable() {
        return portVariable;
    }

    /** Environment variable with the service's base URL, read by the gateway (and by services that query it). */
    public String urlVariable() {
        return portVariable.replace("_PORT", "_URL");
    }

    public static Service byName(String name) {
        for (Service s : values()) {
            if (s.module.equals(name) || s.name().equalsIgnoreCase(name) || s.module.startsWith(name + "-")) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown service " + name);
    }
}
