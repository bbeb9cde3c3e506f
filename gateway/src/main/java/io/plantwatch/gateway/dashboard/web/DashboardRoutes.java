package io.plantwatch.gateway.dashboard.web;

import io.plantwatch.gateway.edge.web.RouteOrder;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;

import java.util.regex.Pattern;

/**
 * Deep links of the dashboard ({@code /alarms/42}, {@code /devices/sim-pump-1}) answer with the dashboard's
 * {@code index.html}, so that a reload or a shared link opens the page instead of a 404.
 * <p>
 * Quinoa's own SPA fallback cannot do it here: it runs after quarkus-rest, and quarkus-rest answers an unknown path
 * with the JSON 404 of {@code ApiErrorMappers} (which every service needs for its API) instead of passing it on. So
 * page paths are re-routed to {@code /} before quarkus-rest sees them; Quinoa serves {@code /} as the dashboard.
 */
public class DashboardRoutes {

    /** Client-side routes of the React app (src/main/webui/src/App.jsx); no file of the dashboard lives under them. */
    static final Pattern PAGE = Pattern.compile("^/(alarms|devices|reports|models|logbook|admin)(/.*)?$");

    void install(@Observes Router router) {
        router.route().order(RouteOrder.DASHBOARD_PAGES).handler(DashboardRoutes::toIndex);
    }

    static boolean isPage(HttpMethod method, String path) {
        return (method == HttpMethod.GET || method == HttpMethod.HEAD) && path != null && PAGE.matcher(path).matches();
    }

    private static void toIndex(RoutingContext ctx) {
        if (isPage(ctx.request().method(), ctx.normalizedPath())) {
            ctx.reroute("/");
        } else {
            ctx.next();
        }
    }
}
