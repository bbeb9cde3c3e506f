package io.plantwatch.gateway.routing.service;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The API map of ARCHITECTURE.md, path by path. */
class RouteTableTest {

    private final RouteTable routes = new RouteTable();

    @ParameterizedTest
    @CsvSource({
            "POST, /api/v1/auth/login, AUTH",
            "GET, /api/v1/users, AUTH",
            "POST, /api/v1/posts, AUTH",
            "POST, /api/v1/devices/pump-1/credentials, AUTH",
            "GET, /api/v1/devices, INGEST",
            "PUT, /api/v1/devices/pump-1, INGEST",
            "POST, /api/v1/ingest, INGEST",
            "POST, /api/v1/data, INGEST",
            "GET, /api/v1/data/latest, REPORT",
            "GET, /api/v1/devices/pump-1/series, REPORT",
            "GET, /api/v1/stats, REPORT",
            "GET, /api/v1/anomalies, REPORT",
            "POST, /api/v1/anomalies/check, DETECTION",
            "POST, /api/v1/infer, DETECTION",
            "POST, /api/v1/models/train, DETECTION",
            "GET, /api/v1/detection/status, DETECTION",
            "GET, /api/v1/predictions, DETECTION",
            "GET, /api/v1/alarms, ALERT",
            "POST, /api/v1/alarms/a1/ack, ALERT",
            "POST, /api/v1/notifications/send, ALERT",
            "GET, /api/v1/reports/readings.csv, REPORT",
            "GET, /api/v1/plot/pump-1, REPORT"
    })
    void routesEachPathToItsOwner(String method, String path, Upstream expected) {
        assertEquals(Optional.of(expected), routes.route(method, path));
    }

    @ParameterizedTest
    @CsvSource({"GET, /api/v1/nothing-here", "DELETE, /api/v1/anomalies", "GET, /api/v1/authors"})
    void unknownPathsHaveNoOwner(String method, String path) {
        assertEquals(Optional.empty(), routes.route(method, path));
    }
}
