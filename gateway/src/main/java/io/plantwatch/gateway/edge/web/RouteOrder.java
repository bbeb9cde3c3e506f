package io.plantwatch.gateway.edge.web;

/**
 * Order of the gateway's own routes on Quarkus's router. Quarkus authenticates and checks the
 * {@code quarkus.http.auth.permission.*} policies at orders -200 and -100 (filters: order = -priority; CORS at -300), so the request id is set before (every answer, 401s
 * included, carries it) and the rate limit after (it needs to know who calls). quarkus-rest serves at 10000.
 */
public final class RouteOrder {

    /** Request id, before authentication. */
    public static final int REQUEST_ID = -250;
    /** Rate limit per user / device / address, once the caller is known. */
    public static final int RATE_LIMIT = 100;
    /** The proxy to the services. */
    public static final int PROXY = 200;
    /** Dashboard deep links re-routed to the dashboard's index, before quarkus-rest would answer 404. */
    public static final int DASHBOARD_PAGES = 300;

    private RouteOrder() {
    }
}
